using Fibo.Actors.Domain;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

public class BinanceCredentialsTests
{
    [Fact]
    public void Signature_matches_binances_documented_example()
    {
        // rest-api.md, "SIGNED Endpoint Examples for POST /api/v3/order", example 1.
        var credentials = new BinanceCredentials(
            "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
            "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
        var signature = credentials.Sign("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", signature);
    }

    [Fact]
    public void Printing_credentials_shows_neither_key_nor_secret()
    {
        var credentials = new BinanceCredentials("my-visible-key-123", "my-secret-456");
        var text = $"{credentials} {credentials.ToString()}";
        Assert.DoesNotContain("my-visible-key-123", text);
        Assert.DoesNotContain("my-secret-456", text);
    }

    [Fact]
    public void Secrets_file_is_read_and_its_errors_name_the_file_not_the_values()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.json", """{"apiKey": "file-key", "apiSecret": "file-secret"}""");
        var credentials = BinanceCredentials.FromFile(good);
        Assert.Equal("file-key", credentials.ApiKeyForTests());

        var missing = dir.Write("missing.json", """{"apiKey": "file-key-only"}""");
        var e = Assert.Throws<InputException>(() => BinanceCredentials.FromFile(missing));
        Assert.Contains("missing.json", e.Message);
        Assert.Contains("apiSecret", e.Message);
        Assert.DoesNotContain("file-key-only", e.Message);

        var broken = dir.Write("broken.json", "apiKey=k");
        Assert.Contains("not valid JSON", Assert.Throws<InputException>(() => BinanceCredentials.FromFile(broken)).Message);
    }
}

internal static class CredentialTestAccess
{
    public static string ApiKeyForTests(this BinanceCredentials c) => c.ApiKey;
}
