using Fibo.Actors.Domain.Exchange;
using Fibo.Actors.Domain.Trading;

namespace Fibo.Actors.Hosting.Options;

/// <summary>What "now" is for a decision: the wall clock (live) or the decided candle's close (replays and backtests).</summary>
public enum DecisionClock
{
    /// <summary>Live: the stale-candle guard compares the candle's close with the wall clock.</summary>
    Wall,
    /// <summary>Replay: now = the candle's close, as in a backtest, so history is traded as if it were live.</summary>
    Candle,
}

/// <summary>One trading account: its broker (resolved by name through DI) and, for paper accounts, the starting cash.</summary>
public sealed class AccountOptions
{
    public string Id { get; set; } = "paper-1";

    /// <summary>
    /// Broker name: <c>paper</c> (default) or <c>binance</c> (signed REST at <c>Fibo:Binance:RestBaseUrl</c>, keys from
    /// <c>FIBO_BINANCE_API_KEY</c>/<c>FIBO_BINANCE_API_SECRET</c> or <c>FIBO_BINANCE_SECRETS_FILE</c>).
    /// </summary>
    public string Broker { get; set; } = "paper";

    /// <summary>Cash credited once per quote asset the account first trades in (paper accounts; the seed's equity constant).</summary>
    public decimal StartingCash { get; set; } = 10_000m;

    /// <summary>Series traded by this account (<c>ETH_BTC-5m</c>); series listed nowhere go to the first account.</summary>
    public string[] Series { get; set; } = [];
}

/// <summary>
/// Section <c>Fibo:Trading</c>: the accounts and their brokers, the policy's numbers (the seed's rule: |pred| &gt; 0.0005,
/// size = 10,000 · 1 % / price) and the executor's journal cadence.
/// </summary>
public sealed class TradingOptions
{
    /// <summary>Accounts; empty means one paper account <c>paper-1</c> trading every series.</summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    public double Threshold { get; set; } = 0.0005;
    public decimal Equity { get; set; } = 10_000m;
    public decimal PositionPct { get; set; } = 0.01m;
    public bool ExitOnOppositeSignal { get; set; } = true;
    public double? StopLossSigmas { get; set; }
    public double? TakeProfitSigmas { get; set; }

    /// <summary>No decision on a candle that closed more than this many periods before now; 0 disables the guard.</summary>
    public int StaleAfterPeriods { get; set; } = 2;

    public DecisionClock DecisionClock { get; set; } = DecisionClock.Wall;

    public bool AllowShort { get; set; }
    public decimal? MaxPositionNotional { get; set; }
    public decimal? DailyLossLimit { get; set; }

    /// <summary>Paper broker: taker fee in basis points (10 = Binance's 0.1 %) and slippage against each fill.</summary>
    public decimal FeeBps { get; set; } = 10m;
    public decimal SlippageBps { get; set; }

    /// <summary>
    /// Exchange filters the paper broker sizes intents to (as Binance's LOT_SIZE stepSize/minQty and NOTIONAL minNotional
    /// would): quantity step (0 = none), minimum quantity and minimum order value. The defaults only keep 8 decimals.
    /// </summary>
    public decimal PaperStepSize { get; set; } = 0.00000001m;
    public decimal PaperMinQty { get; set; }
    public decimal PaperMinNotional { get; set; }

    /// <summary>The paper broker's filters (<see cref="PaperStepSize"/>, <see cref="PaperMinQty"/>, <see cref="PaperMinNotional"/>).</summary>
    public PaperFilters PaperFilters() => new() { StepSize = PaperStepSize, MinQty = PaperMinQty, MinNotional = PaperMinNotional };

    /// <summary>The executor saves a ledger snapshot every this many journal events (older snapshots are deleted).</summary>
    public int SnapshotEvery { get; set; } = 1_000;

    /// <summary>How long a series waits for its executor's answer before it goes on with a "pending" position.</summary>
    public int ExecutorAskTimeoutMs { get; set; } = 15_000;

    /// <summary>How often the executor asks its broker again about an order whose state is unknown.</summary>
    public int ReconcileRetryMs { get; set; } = 2_000;

    /// <summary>The accounts in effect (the configured ones, or the default paper account).</summary>
    public IReadOnlyList<AccountOptions> EffectiveAccounts => Accounts.Count == 0 ? [new AccountOptions()] : Accounts;

    /// <summary>The account that trades <paramref name="series"/>.</summary>
    public string AccountFor(string series)
    {
        var accounts = EffectiveAccounts;
        foreach (var a in accounts)
            if (a.Series.Any(s => string.Equals(s, series, StringComparison.OrdinalIgnoreCase))) return a.Id;
        return accounts[0].Id;
    }

    public AccountOptions? Account(string id) =>
        EffectiveAccounts.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));

    /// <summary>The domain policy options these settings describe.</summary>
    public TradingPolicyOptions PolicyOptions() => new TradingPolicyOptions
    {
        Threshold = Threshold,
        Equity = Equity,
        PositionPct = PositionPct,
        ExitOnOppositeSignal = ExitOnOppositeSignal,
        StopLossSigmas = StopLossSigmas,
        TakeProfitSigmas = TakeProfitSigmas,
        StaleAfterPeriods = StaleAfterPeriods > 0 ? StaleAfterPeriods : null,
        Risk = RiskLimits(),
    }.Validate();

    public RiskLimits RiskLimits() => new() { AllowShort = AllowShort, MaxPositionNotional = MaxPositionNotional, DailyLossLimit = DailyLossLimit };
}
