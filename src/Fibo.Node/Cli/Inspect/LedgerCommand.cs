using System.CommandLine;
using System.Text.Json;
using Fibo.Node.Http.Contracts;

namespace Fibo.Node.Cli.Inspect;

/// <summary>
/// <c>fibo [NODE] ledger show -a ACCOUNT</c> and <c>fibo [NODE] orders list -a ACCOUNT</c>: an account's ledger as its
/// <c>order-executor</c> entity holds it (both read <c>/api/ledger/{account}</c>).
/// </summary>
internal static class LedgerCommand
{
    private static Option<string> AccountOption() =>
        new("--account", "-a") { Description = "Account id (Fibo:Trading:Accounts), e.g. paper-1", DefaultValueFactory = _ => "paper-1" };

    private static Task<JsonElement> Fetch(ParseResult parse, NodeClient node, Option<string> account, CancellationToken ct) =>
        node.GetAsync($"api/ledger/{Uri.EscapeDataString(parse.GetValue(account)!)}", ct);

    public static Command Ledger()
    {
        var ledger = new Command("ledger", "An account's ledger on a running node: executor state, cash, PnL, positions");
        var account = AccountOption();
        var show = new Command("show", "Executor state, equity, realized/unrealized PnL, fees, cash, positions and dust: one 'item | value' line each");
        show.Options.Add(account);
        InspectAction.Set(show, (parse, node, ct) => Fetch(parse, node, account, ct), body =>
        {
            var v = NodeClient.Read<LedgerView>(body);
            PbmLines.Write("account", v.Account);
            PbmLines.Write("executor", v.Executor.State, v.Executor.Broker + (v.Executor.Paper ? " (paper)" : ""), $"journal #{v.Executor.LastSequenceNr}");
            if (v.Executor.LastFailure is { } failure) PbmLines.Write("last failure", failure);
            PbmLines.Write("trading", v.Halted ? $"halted: {v.HaltReason}" : "active");
            foreach (var e in v.Equity) PbmLines.Write("equity", e.Asset, PbmLines.Number(e.Equity));
            PbmLines.Write("realized pnl", PbmLines.Number(v.RealizedPnl), $"fees {PbmLines.Number(v.FeesPaid)}", $"net {PbmLines.Number(v.NetRealizedPnl)}");
            PbmLines.Write("unrealized pnl", PbmLines.Number(v.UnrealizedPnl));
            PbmLines.Write("orders", $"{v.Orders.Count}", $"open: {v.OpenOrders}", $"closed trades: {v.ClosedTrades}");
            foreach (var c in v.Cash) PbmLines.Write("cash", c.Asset, PbmLines.Number(c.Amount));
            foreach (var p in v.Positions)
                PbmLines.Write("position", p.Series, $"qty {PbmLines.Number(p.Quantity)}", $"entry {PbmLines.Number(p.AverageEntryPrice)}",
                    $"mark {(p.Mark is { } m ? PbmLines.Number(m) : "-")}", $"unrealized {(p.UnrealizedPnl is { } u ? PbmLines.Number(u) : "-")}",
                    $"realized {PbmLines.Number(p.RealizedPnl)}");
            foreach (var d in v.Dust) PbmLines.Write("dust", d.Series, $"qty {PbmLines.Number(d.Quantity)}");
        });
        ledger.Subcommands.Add(show);
        return ledger;
    }

    public static Command Orders()
    {
        var orders = new Command("orders", "An account's orders on a running node");
        var account = AccountOption();
        var list = new Command("list", "Every order, oldest first: client order id | series | side | qty | status | filled | avg fill | fee | decided on candle");
        list.Options.Add(account);
        InspectAction.Set(list, (parse, node, ct) => Fetch(parse, node, account, ct), body =>
        {
            var v = NodeClient.Read<LedgerView>(body);
            if (v.Orders.Count == 0) PbmLines.Note($"no orders in {v.Account}");
            foreach (var o in v.Orders)
                PbmLines.Write(o.ClientOrderId, o.Series, $"{o.Side.ToLowerInvariant()} {o.Purpose.ToLowerInvariant()}", $"qty {PbmLines.Number(o.Quantity)}",
                    o.Status.ToLowerInvariant(), $"filled {PbmLines.Number(o.FilledQuantity)}",
                    $"avg {(o.AverageFillPrice is { } p ? PbmLines.Number(p) : "-")}", $"fee {PbmLines.Number(o.Fee)}", $"candle {PbmLines.Time(o.CandleOpenTime)}");
        });
        orders.Subcommands.Add(list);
        return orders;
    }
}
