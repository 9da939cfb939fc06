using Akka.Actor;
using Fibo.Actors.Hosting.Options;
using Fibo.Messages.Primitives;
using Fibo.Messages.Routing;
using Fibo.Messages.Trading;
using Fibo.Node.Http.Contracts;
using Fibo.Node.Http.MarketData;
using Fibo.Node.Http.Sharding;

namespace Fibo.Node.Http.Trading;

/// <summary>
/// Accounts' ledgers as their <c>order-executor</c> entities hold them (<see cref="GetLedger"/>, <see cref="GetExecutorStatus"/>),
/// with open positions marked at their series' last stored close. Only configured accounts are asked, so a typo never
/// wakes (and journals the starting cash of) a phantom executor.
/// </summary>
public sealed class LedgerInspector(FiboOptions options, ShardingInspector sharding, NodeCandleStore store)
{
    public IReadOnlyList<AccountView> Accounts() =>
        options.Trading.EffectiveAccounts.Select(a => new AccountView(a.Id, a.Broker, a.StartingCash, a.Series)).ToList();

    public async Task<LedgerView> ShowAsync(string account, CancellationToken ct)
    {
        if (options.Trading.Account(account) is null)
            throw ApiException.NotFound($"no account '{account}' in this node's configuration (Fibo:Trading:Accounts); accounts: " +
                                        string.Join(", ", options.Trading.EffectiveAccounts.Select(a => a.Id)));
        // A node without the trading role asks through its proxy: the executor lives wherever the cluster put it.
        var region = sharding.EntityRoute(AccountMessageExtractor.TypeName)
                     ?? throw ApiException.Unavailable("the order-executor region is not running on this node (start the pipeline with 'fibo run')");
        var ledgerTask = region.Ask<object>(new GetLedger(account), AskTimeouts.Default, ct);
        var statusTask = region.Ask<object>(new GetExecutorStatus(account), AskTimeouts.Default, ct);
        var (ledger, status) = (await ledgerTask, await statusTask);
        var snapshot = ledger switch
        {
            LedgerSnapshot s => s,
            ExecutorUnavailable u => throw ApiException.Unavailable($"the executor of {account} is unavailable: {u.Reason}"),
            _ => throw new InvalidOperationException($"the executor of {account} answered GetLedger with {ledger.GetType().Name}"),
        };
        var executor = status as ExecutorStatus
                       ?? throw new InvalidOperationException($"the executor of {account} answered GetExecutorStatus with {status.GetType().Name}");
        return LedgerViews.From(snapshot, executor, await MarksAsync(snapshot, ct));
    }

    private async Task<IReadOnlyDictionary<SeriesKey, decimal>> MarksAsync(LedgerSnapshot snapshot, CancellationToken ct)
    {
        var candles = await store.GetAsync(ct);
        var marks = new Dictionary<SeriesKey, decimal>();
        foreach (var p in snapshot.Positions.Where(p => p.Quantity != 0))
        {
            var last = await candles.ReadLastAsync(p.Series, 1, ct);
            if (last.Count == 1) marks[p.Series] = (decimal)last[0].Close;
        }
        return marks;
    }
}
