// Fibo node dashboard: plain JavaScript over the node's JSON API (/api). Every failure is shown in the page.
"use strict";

// ---------- helpers ----------------------------------------------------------------------------------------------

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

async function api(path, options = {}) {
  const init = { headers: { "Accept": "application/json" }, ...options };
  if (options.body !== undefined) {
    init.method = init.method || "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new Error(`the node did not answer ${path} (${e.message}); is it still running?`);
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) {
    const message = body && body.error ? body.error : (text || response.statusText);
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

function pad(n) { return String(n).padStart(2, "0"); }
function utc(ms) {
  if (ms === null || ms === undefined) return "–";
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
// Prices and volumes exactly as stored: JavaScript's shortest round-trip form.
function exact(x) { return x === null || x === undefined ? "–" : String(x); }
function fixed(x, digits = 4) { return x === null || x === undefined || Number.isNaN(x) ? "–" : Number(x).toFixed(digits); }
function sig(x, digits = 4) { return x === null || x === undefined || Number.isNaN(x) ? "–" : Number(Number(x).toPrecision(digits)).toString(); }
function signed(x, digits = 6) { return x === null || x === undefined ? "–" : (x > 0 ? "+" : "") + Number(x).toFixed(digits); }
function pct(x, digits = 2) { return x === null || x === undefined ? "–" : (x * 100).toFixed(digits) + " %"; }

function cell(text, className) {
  const td = document.createElement("td");
  if (text instanceof Node) td.appendChild(text); else td.textContent = text;
  if (className) td.className = className;
  return td;
}
function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) tr.appendChild(c instanceof Node ? c : cell(c));
  return tr;
}
function fill(table, rows) {
  const body = table.tBodies[0] || table.createTBody();
  body.replaceChildren(...rows);
}
function message(table, text) {
  const cols = table.tHead ? table.tHead.rows[0].cells.length : 2;
  const td = cell(text, "muted");
  td.colSpan = cols;
  fill(table, [row([td])]);
}
function tag(text) {
  const span = document.createElement("span");
  span.className = "tag tag-" + text.replace("/", "");
  span.textContent = text;
  return span;
}
function formData(form) {
  const data = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") data[el.name] = el.checked;
    else if (el.type === "number") { if (el.value !== "") data[el.name] = Number(el.value); }
    else if (el.value !== "") data[el.name] = el.value;
  }
  return data;
}

// Errors: each tab has its own banner; anything unexpected goes to the global one.
function showError(tab, error) {
  const box = tab ? $(`#tab-${tab} > .error`) : $("#global-error");
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}
function clearError(tab) { const box = $(`#tab-${tab} > .error`); box.hidden = true; box.textContent = ""; }
async function guarded(tab, work) {
  try {
    const result = await work();
    clearError(tab);
    return result;
  } catch (e) {
    showError(tab, e);
    return undefined;
  }
}
window.addEventListener("error", e => showError(null, `dashboard error: ${e.message}`));
window.addEventListener("unhandledrejection", e => showError(null, `dashboard error: ${e.reason && e.reason.message || e.reason}`));

// ---------- charts (canvas) --------------------------------------------------------------------------------------

const COLORS = ["#1f6feb", "#d1242f", "#1a7f37", "#8250df", "#9a6700"];

// lines: [{ name, points: [[x, y], ...] }]; x is a number (time in ms or an epoch), y a number.
// integerX: x values are counts (epochs): ticks only at whole numbers.
function drawChart(canvas, lines, { xFormat = String, yFormat = v => sig(v, 5), title = "", logY = false, integerX = false } = {}) {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 600, height = canvas.clientHeight || 260;
  canvas.width = width * dpr; canvas.height = height * dpr;
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  g.font = "12px system-ui, sans-serif";
  const ty = v => (logY ? Math.log10(v) : v);
  const pts = lines.flatMap(l => l.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0));
  if (pts.length === 0) { g.fillStyle = "#66707a"; g.fillText("no data", 12, 20); return; }
  let [x0, x1] = [Math.min(...pts.map(p => p[0])), Math.max(...pts.map(p => p[0]))];
  let [y0, y1] = [Math.min(...pts.map(p => ty(p[1]))), Math.max(...pts.map(p => ty(p[1])))];
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  if (y0 === y1) { const d = Math.abs(y0) * 0.01 || 1; y0 -= d; y1 += d; }
  const padY = (y1 - y0) * 0.05; y0 -= padY; y1 += padY;
  const left = 78, right = 12, top = 24, bottom = 28;
  const X = x => left + (x - x0) / (x1 - x0) * (width - left - right);
  const Y = y => top + (1 - (y - y0) / (y1 - y0)) * (height - top - bottom);

  g.strokeStyle = "#dde1e6"; g.fillStyle = "#66707a"; g.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const v = y0 + (y1 - y0) * i / 4, y = Y(v);
    g.beginPath(); g.moveTo(left, y); g.lineTo(width - right, y); g.stroke();
    g.fillText(yFormat(logY ? Math.pow(10, v) : v), 4, y + 4);
  }
  const xTicks = integerX
    ? Array.from({ length: Math.floor(x1) - Math.ceil(x0) + 1 }, (_, i) => Math.ceil(x0) + i)
        .filter((v, i, all) => all.length <= 8 || i % Math.ceil(all.length / 8) === 0)
    : [0, 1, 2, 3, 4].map(i => x0 + (x1 - x0) * i / 4);
  for (const v of xTicks) {
    const x = X(v);
    const label = xFormat(v);
    g.fillText(label, Math.min(Math.max(x - g.measureText(label).width / 2, left), width - right - g.measureText(label).width), height - 8);
  }
  lines.forEach((line, i) => {
    g.strokeStyle = line.color || COLORS[i % COLORS.length]; g.lineWidth = 1.6;
    g.beginPath();
    let started = false;
    for (const [x, y] of line.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y) || (logY && y <= 0)) continue;
      if (!started) { g.moveTo(X(x), Y(ty(y))); started = true; } else g.lineTo(X(x), Y(ty(y)));
    }
    g.stroke();
  });
  let lx = left;
  g.font = "bold 12px system-ui, sans-serif";
  if (title) { g.fillStyle = "#1d2329"; g.fillText(title, lx, 15); lx += g.measureText(title).width + 16; }
  g.font = "12px system-ui, sans-serif";
  lines.forEach((line, i) => {
    if (!line.name) return;
    g.fillStyle = line.color || COLORS[i % COLORS.length];
    g.fillRect(lx, 7, 12, 8); lx += 16;
    g.fillStyle = "#1d2329"; g.fillText(line.name, lx, 15); lx += g.measureText(line.name).width + 14;
  });
}

// ---------- shared lists (series, models) ------------------------------------------------------------------------

const state = { series: [], models: [], selectedSeries: null, selectedModel: null, trainingTimer: null, statusTimer: null };

async function loadSeries() {
  const list = await api("/api/series");
  state.series = list.series;
  state.store = list.store;
  for (const select of $$(".series-select")) {
    const current = select.value;
    const stored = list.series.filter(s => s.stored);
    select.replaceChildren(...stored.map(s => new Option(`${s.series} (${s.stored.rows} rows)`, s.series)));
    if (stored.some(s => s.series === current)) select.value = current;
  }
  return list;
}

async function loadModels() {
  const registry = await api("/api/models");
  state.models = registry.versions;
  for (const select of $$(".model-select")) {
    const current = select.value;
    select.replaceChildren(...registry.versions.filter(v => !v.error)
      .map(v => new Option(`${v.version}${v.promoted ? " (promoted)" : ""}`, v.version)));
    if (registry.versions.some(v => v.version === current)) select.value = current;
    else if (registry.promoted) select.value = registry.promoted;
  }
  return registry;
}

// ---------- Preview ----------------------------------------------------------------------------------------------

async function showPreview() {
  await guarded("preview", async () => {
    const list = await loadSeries();
    $("#preview-store").textContent = `store: ${list.store}`;
    const table = $("#preview-series");
    const stored = list.series.filter(s => s.stored);
    if (stored.length === 0) { message(table, "no series in the store yet: import candles with 'fibo data import'"); return; }
    fill(table, stored.map(s => {
      const tr = row([s.series, cell(String(s.stored.rows), "num"), utc(s.stored.firstOpenTime), utc(s.stored.lastOpenTime)]);
      tr.dataset.series = s.series;
      tr.addEventListener("click", () => selectPreviewSeries(s.series));
      return tr;
    }));
    const chosen = stored.some(s => s.series === state.selectedSeries) ? state.selectedSeries : stored[0].series;
    await selectPreviewSeries(chosen);
  });
}

async function selectPreviewSeries(key) {
  state.selectedSeries = key;
  for (const tr of $$("#preview-series tbody tr")) tr.classList.toggle("selected", tr.dataset.series === key);
  await guarded("preview", async () => {
    const view = await api(`/api/series/${encodeURIComponent(key)}/candles?limit=500`);
    const candles = view.candles;
    $("#preview-title").textContent = `${key}: last ${candles.length} candles`;
    drawChart($("#preview-chart"), [{ name: "close", points: candles.map(c => [c.openTime, c.close]) }],
      { xFormat: v => utc(v).slice(5), title: key });
    fill($("#preview-candles"), candles.slice(-200).reverse().map(c =>
      row([utc(c.openTime), cell(exact(c.open), "num"), cell(exact(c.high), "num"), cell(exact(c.low), "num"),
        cell(exact(c.close), "num"), cell(exact(c.volume), "num")])));
  });
}

// ---------- Training ---------------------------------------------------------------------------------------------

async function showTraining() {
  await guarded("training", async () => {
    await loadSeries();
    const registry = await loadModels();
    $("#models-registry").textContent = `registry: ${registry.directory} · promoted: ${registry.promoted || "none"}`;
    const table = $("#models-table");
    if (registry.versions.length === 0) message(table, "no models yet: train one below or with 'fibo train'");
    else fill(table, registry.versions.slice().reverse().map(v => {
      const m = v.metrics && v.metrics[0];
      const tr = v.error
        ? row([v.version, v.promoted ? "yes" : "", cell(`unreadable: ${v.error}`, "wrap")])
        : row([v.version, v.promoted ? "yes" : "", v.series || "–", v.modelType || "–", v.featureSet || "–", String(v.seqLen),
          (v.horizons || []).join(","), v.epochsRun === null ? "–" : String(v.epochsRun), cell(sig(v.bestValLoss), "num"),
          cell(m ? sig(m.model.rmse) : "–", "num"), cell(m ? sig(m.zeroReturn.rmse) : "–", "num"), cell(m ? sig(m.lastReturn.rmse) : "–", "num"),
          v.beatsBaselines === null ? "–" : (v.beatsBaselines ? "yes" : "no")]);
      tr.dataset.version = v.version;
      tr.addEventListener("click", () => showModel(v.version));
      return tr;
    }));
    if (state.selectedModel) await showModel(state.selectedModel);
    await pollTraining();
  });
}

async function showModel(version) {
  state.selectedModel = version;
  for (const tr of $$("#models-table tbody tr")) tr.classList.toggle("selected", tr.dataset.version === version);
  await guarded("training", async () => {
    const detail = await api(`/api/models/${encodeURIComponent(version)}`);
    const meta = detail.meta;
    $("#model-detail-title").textContent = `Model ${version}`;
    $("#model-detail-hint").textContent = meta && meta.data
      ? `trained on ${meta.data.series} (${meta.data.rows} candles, ${utc(meta.data.firstOpenTime)} → ${utc(meta.data.lastOpenTime)}), ` +
        `${meta.featureSet} features, seq ${meta.seqLen}, hidden ${meta.hidden}×${meta.numLayers}` +
        (meta.split ? `; split ${meta.split.train}/${meta.split.validation}/${meta.split.test}, scaler fit on ${meta.split.scalerFittedOn}` : "")
      : "";
    const metrics = (meta && meta.metrics) || [];
    if (metrics.length === 0) message($("#model-metrics"), "no test metrics in this model's meta.json");
    else fill($("#model-metrics"), metrics.map(e => row([String(e.horizon), String(e.count),
      cell(sig(e.model.rmse), "num"), cell(sig(e.zeroReturn.rmse), "num"), cell(sig(e.lastReturn.rmse), "num"),
      cell(pct(e.model.directionalAccuracy, 1), "num"), cell(pct(e.lastReturn.directionalAccuracy, 1), "num"),
      cell(sig(e.modelVolatility.rmse), "num"), cell(sig(e.lastVolatility.rmse), "num")])));
    const history = (meta && meta.training && meta.training.history) || [];
    drawChart($("#model-loss-chart"), [
      { name: "train loss", points: history.map(h => [h.epoch, h.trainLoss]) },
      { name: "validation loss", points: history.map(h => [h.epoch, h.valLoss]) },
    ], { title: `loss per epoch (log scale)`, logY: true, integerX: true, xFormat: v => `epoch ${v}` });
  });
}

async function pollTraining() {
  const status = await api("/api/training");
  const job = status.job;
  const stateText = $("#training-state");
  if (!job) { stateText.textContent = "No training started from this node yet."; return; }
  const done = job.finishedAt !== null;
  stateText.textContent = `${job.series}: ${job.state}${job.message ? " — " + job.message : ""}`;
  const progress = $("#training-progress");
  progress.max = job.epochsRequested; progress.value = done && job.state === "succeeded" ? job.epochsRequested : job.epochs.length;
  drawChart($("#training-chart"), [
    { name: "train loss", points: job.epochs.map(e => [e.epoch, e.trainLoss]) },
    { name: "validation loss", points: job.epochs.map(e => [e.epoch, e.valLoss]) },
  ], { title: `run ${job.id}`, logY: true, integerX: true, xFormat: v => `epoch ${v}` });
  clearTimeout(state.trainingTimer);
  if (!done) {
    state.watchingJob = job.id;
    state.trainingTimer = setTimeout(() => guarded("training", pollTraining), 1000);
  } else if (state.watchingJob === job.id) {
    // The run we watched just ended: show the registry with its new version selected.
    state.watchingJob = null;
    if (job.version) state.selectedModel = job.version;
    await showTraining();
  }
}

async function startTraining(event) {
  event.preventDefault();
  const button = $("#train-form button[type=submit]");
  button.disabled = true;
  await guarded("training", async () => {
    const job = await api("/api/training", { body: formData(event.target) });
    state.watchingJob = job.id;
    await pollTraining();
  });
  button.disabled = false;
}

// ---------- Backtest ---------------------------------------------------------------------------------------------

async function showBacktest() {
  await guarded("backtest", async () => {
    await Promise.all([loadSeries(), loadModels()]);
    if (state.models.length === 0) $("#backtest-state").textContent = "No model in the registry yet: train one in the Training tab.";
    // Default to the series the chosen model was trained on.
    const model = state.models.find(m => m.version === $("#backtest-form [name=model]").value);
    if (model && model.series && state.series.some(s => s.series === model.series && s.stored)) $("#backtest-form [name=series]").value = model.series;
  });
}

async function runBacktest(event) {
  event.preventDefault();
  const button = $("#backtest-form button[type=submit]");
  button.disabled = true;
  $("#backtest-state").textContent = "running…";
  await guarded("backtest", async () => {
    const result = await api("/api/backtest", { body: formData(event.target) });
    const s = result.statistics;
    $("#backtest-title").textContent = `Backtest of ${result.series} with ${result.model}`;
    $("#backtest-state").textContent = `${s.candles} candles, ${s.predictions} predictions, ${s.orders} orders (${s.filledOrders} filled)`;
    const stats = [
      ["Total PnL", `${fixed(s.totalPnl, 4)} (${fixed(s.returnPct, 3)} %)`],
      ["Final equity", fixed(s.finalEquity, 4)],
      ["Trades (won)", `${s.trades} (${s.winningTrades})`],
      ["Win rate", pct(s.winRate)],
      ["Sharpe (annualized)", fixed(s.sharpe, 3)],
      ["Max drawdown", `${fixed(s.maxDrawdownPct, 3)} % (${fixed(s.maxDrawdown, 4)})`],
      ["Exposure", pct(s.exposure)],
      ["Fees paid", fixed(s.feesPaid, 6)],
      ["Order list hash", s.orderListHash.slice(0, 16)],
    ];
    fill($("#backtest-stats"), stats.map(([k, v]) => { const tr = row([k, v]); tr.dataset.stat = k; return tr; }));
    drawChart($("#backtest-chart"), [{ name: "equity", points: result.equity.map(p => [p.timeMs, p.equity]) }],
      { title: "equity (quote units)", xFormat: v => utc(v).slice(5), yFormat: v => fixed(v, 2) });
    const trades = result.trades.slice(-50).reverse();
    if (trades.length === 0) message($("#backtest-trades"), "no round trips: try a lower threshold");
    else fill($("#backtest-trades"), trades.map(t => row([utc(t.openedAtMs), utc(t.closedAtMs), t.side, cell(sig(t.quantity, 6), "num"),
      cell(exact(t.entry), "num"), cell(exact(t.exit), "num"), cell(fixed(t.netPnl, 6), "num " + (t.netPnl >= 0 ? "pos" : "neg"))])));
  });
  button.disabled = false;
}

// ---------- Status -----------------------------------------------------------------------------------------------

async function refreshStatus() {
  await guarded("status", async () => {
    const [members, regions, series] = await Promise.all([api("/api/cluster/members"), api("/api/sharding/regions"), api("/api/series")]);
    fill($("#status-members"), members.members.map(m => row([m.address, m.roles.join(", "), m.status, m.appVersion,
      [m.leader && "leader", m.oldest && "oldest", m.self && "self"].filter(Boolean).join(", "), m.unreachable ? "unreachable" : "reachable"])));
    if (regions.length === 0) message($("#status-regions"), "no shard regions on this node");
    else fill($("#status-regions"), regions.map(r => row([r.typeName, r.regions.join(", ") || "–"])));
    const notes = [];
    if (!series.regionRunning) notes.push("The candle-series region is not running on this node: entity columns stay empty.");
    if (series.entitiesError) notes.push(series.entitiesError);
    $("#status-series-note").textContent = notes.join(" ");
    await refreshLedger();
    fill($("#status-series"), series.series.map(s => {
      const st = s.status, c = st && st.lastCandle;
      const tr = row([s.series, cell(s.stored ? String(s.stored.rows) : "0", "num"), s.stored ? utc(s.stored.lastOpenTime) : "–",
        s.entityLive ? (st && st.state) || "live" : (s.statusError ? "error" : "–"), c ? utc(c.openTime) : "–", cell(c ? exact(c.close) : "–", "num"),
        st ? `${st.windowFill}/${st.windowSize}` : "–", cell(st ? String(st.predictions) : "–", "num"),
        cell(st && st.lastPredictedReturn !== null ? signed(st.lastPredictedReturn) : "–", "num"),
        cell(st && st.lastPredictedVolatility !== null ? sig(st.lastPredictedVolatility) : "–", "num"), st && st.modelVersion ? st.modelVersion : "–",
        cell(st ? String(st.orders) : "–", "num"), st && st.account ? st.account : "–",
        cell(st ? sig(st.positionQuantity, 8) + (st.pendingOrder ? " (order pending)" : "") : "–", "num")]);
      tr.dataset.series = s.series;
      if (s.statusError) tr.title = s.statusError;
      return tr;
    }));
    $("#status-updated").textContent = `Last update ${new Date().toISOString().slice(11, 19)} UTC.`;
  });
}

// Shows the chosen account's ledger (or why it is unavailable) in the ledger panel.
async function refreshLedger() {
  const select = $("#ledger-account");
  const box = $(".ledger-error");
  try {
    if (!state.accounts) {
      state.accounts = await api("/api/accounts");
      select.replaceChildren(...state.accounts.map(a => new Option(`${a.id} (${a.broker})`, a.id)));
    }
    const account = select.value;
    if (!account) { box.textContent = "no trading account is configured on this node (Fibo:Trading:Accounts)"; box.hidden = false; return; }
    const ledger = await api(`/api/ledger/${encodeURIComponent(account)}`);
    box.hidden = true;
    fill($("#ledger-summary"), [
      ["Account", ledger.account], ["Executor", `${ledger.executor.state} · ${ledger.executor.broker}${ledger.executor.paper ? " (paper)" : ""}` +
        (ledger.executor.lastFailure ? ` · last failure: ${ledger.executor.lastFailure}` : "")],
      ["Trading", ledger.halted ? `halted: ${ledger.haltReason}` : "active"],
      ...ledger.equity.map(e => [`Equity in ${e.asset} (positions at last close)`, fixed(e.equity, 8)]),
      ["Realized PnL (gross)", fixed(ledger.realizedPnl, 8)], ["Fees paid", fixed(ledger.feesPaid, 8)],
      ["Net realized PnL", fixed(ledger.netRealizedPnl, 8)], ["Unrealized PnL", fixed(ledger.unrealizedPnl, 8)],
      ["Orders (open)", `${ledger.orders.length} (${ledger.openOrders})`], ["Closed trades", String(ledger.closedTrades)],
    ].map(([k, v]) => { const tr = row([k, v]); tr.dataset.item = k; return tr; }));
    if (ledger.positions.length === 0) message($("#ledger-positions"), "no positions");
    else fill($("#ledger-positions"), ledger.positions.map(p => row([p.series, cell(sig(p.quantity, 8), "num"),
      cell(exact(p.averageEntryPrice), "num"), cell(p.mark === null ? "–" : exact(p.mark), "num"),
      cell(p.unrealizedPnl === null ? "–" : fixed(p.unrealizedPnl, 8), "num"), cell(fixed(p.realizedPnl, 8), "num")])));
    if (ledger.cash.length === 0) message($("#ledger-cash"), "no cash");
    else fill($("#ledger-cash"), ledger.cash.map(c => row([c.asset, cell(fixed(c.amount, 8), "num")])));
    const orders = ledger.orders.slice().reverse().slice(0, 200);
    if (orders.length === 0) message($("#ledger-orders"), "no orders yet");
    else fill($("#ledger-orders"), orders.map(o => row([o.clientOrderId, o.series, `${o.side} (${o.purpose})`, cell(sig(o.quantity, 8), "num"), o.status,
      cell(o.averageFillPrice === null ? "–" : exact(o.averageFillPrice), "num"), cell(fixed(o.fee, 8), "num"), utc(o.updatedAtMs)])));
  } catch (e) {
    box.textContent = `ledger of ${select.value || "?"}: ${e.message}`;
    box.hidden = false;
    for (const id of ["#ledger-summary", "#ledger-positions", "#ledger-cash", "#ledger-orders"]) fill($(id), []);
  }
}

// ---------- Audit ------------------------------------------------------------------------------------------------

async function showAudit() { await guarded("audit", loadSeries); }

async function runAudit(event) {
  event.preventDefault();
  const button = $("#audit-form button[type=submit]");
  button.disabled = true;
  $("#audit-verdict").textContent = "running…";
  await guarded("audit", async () => {
    const report = await api("/api/audit", { body: formData(event.target) });
    $("#audit-verdict").textContent = `${report.series}, ${report.set}, seq ${report.seqLen}, horizon ${report.horizon}: ` +
      `${report.rows} rows × ${report.features} features — ${report.leakFound ? "LEAK FOUND" : "no leak found"}`;
    fill($("#audit-checks"), report.checks.map(c => { const tr = row([cell(tag(c.tag)), c.name, cell(c.message, "wrap")]); tr.dataset.check = c.name; return tr; }));
  });
  button.disabled = false;
}

// ---------- tabs and start ---------------------------------------------------------------------------------------

const TABS = { preview: showPreview, training: showTraining, backtest: showBacktest, status: refreshStatus, audit: showAudit };

async function openTab(name) {
  if (!TABS[name]) name = "preview";
  for (const button of $$("nav button")) button.setAttribute("aria-selected", String(button.dataset.tab === name));
  for (const section of $$("main > section")) section.hidden = section.id !== `tab-${name}`;
  if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
  clearInterval(state.statusTimer);
  if (name === "status") state.statusTimer = setInterval(refreshStatus, 3000);
  await TABS[name]();
}

async function refreshHealth() {
  for (const [id, path, label] of [["#health-live", "/health/live", "live"], ["#health-ready", "/health/ready", "ready"]]) {
    const badge = $(id);
    try {
      const response = await fetch(path);
      badge.className = "badge " + (response.ok ? "ok" : "bad");
      badge.textContent = `${label} ${response.ok ? "✓" : "✗"}`;
    } catch {
      badge.className = "badge bad";
      badge.textContent = `${label} ✗`;
    }
  }
  try {
    const members = await api("/api/cluster/members");
    $("#node-address").textContent = members.self;
    $("#global-error").hidden = true;
  } catch (e) {
    showError(null, e);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of $$("nav button")) button.addEventListener("click", () => openTab(button.dataset.tab));
  $("#train-form").addEventListener("submit", startTraining);
  $("#backtest-form").addEventListener("submit", runBacktest);
  $("#audit-form").addEventListener("submit", runAudit);
  $("[data-action=refresh-preview]").addEventListener("click", showPreview);
  $("[data-action=refresh-models]").addEventListener("click", showTraining);
  $("[data-action=refresh-status]").addEventListener("click", refreshStatus);
  $("#ledger-account").addEventListener("change", refreshStatus);
  $("[data-action=cancel-training]").addEventListener("click", () => guarded("training", async () => { await api("/api/training/cancel", { method: "POST" }); await pollTraining(); }));
  $("#backtest-form [name=model]").addEventListener("change", showBacktest);
  refreshHealth();
  setInterval(refreshHealth, 5000);
  openTab(location.hash.slice(1));
});
