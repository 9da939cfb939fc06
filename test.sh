#!/usr/bin/env bash
# Runs every Fibo test: installs what the tests need when missing (PostgreSQL, Chromium, docker-compose; needs root and apt),
# starts PostgreSQL, runs `dotnet test Fibo.sln`, and ends with one line: "N passed, N failed, N skipped".
# Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
say() { echo "[test.sh] $*" >&2; }

# --- 1. system packages the tests drive for real -------------------------------------------------------------
missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)   # the dashboard's browser test (Playwright drives this one)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)   # validates docker/docker-compose.yml (no engine needed)
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { say "apt-get install ${missing[*]} failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  else
    say "missing ${missing[*]}: install them (as root: apt-get install ${missing[*]}) and run again"
    echo "0 passed, 1 failed, 0 skipped"; exit 1
  fi
fi

# --- 2. PostgreSQL: start the cluster, make the test role and database -------------------------------------
pg_version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_version" ]; then
  say "no PostgreSQL cluster found under /etc/postgresql"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
pg_ctlcluster "$pg_version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do runuser -u postgres -- pg_isready -q -h 127.0.0.1 && break; sleep 1; done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fibo') THEN
    CREATE ROLE fibo LOGIN PASSWORD 'fibo' CREATEDB;
  END IF;
END $$;
SQL
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'fibo_test'" | grep -q 1 \
  || runuser -u postgres -- createdb -O fibo fibo_test
export FIBO_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=fibo;Password=fibo;Database=fibo_test"
say "PostgreSQL $pg_version up; tests use $FIBO_TEST_POSTGRES"

# --- 3. the tests --------------------------------------------------------------------------------------------
results=TestResults
rm -rf "$results"
export DOTNET_HOSTBUILDER__RELOADCONFIGONCHANGE=false
# tests/Directory.Build.props names one trx per test project under TestResults/.
dotnet test Fibo.sln --blame-hang-timeout 10m
rc=$?

# --- 4. one closing line summed over every test project's trx ----------------------------------------------
passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  say "dotnet test exited $rc outside any test (build error or crashed test host): counted as 1 failure"
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
