namespace Fibo.Node.Http.Trading;

/// <summary><c>/api/accounts</c> and <c>/api/ledger/{account}</c>: the configured accounts and one account's ledger.</summary>
internal static class LedgerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", (LedgerInspector inspector) => inspector.Accounts());
        api.MapGet("/ledger/{account}", (LedgerInspector inspector, string account, CancellationToken ct) => inspector.ShowAsync(account, ct));
    }
}
