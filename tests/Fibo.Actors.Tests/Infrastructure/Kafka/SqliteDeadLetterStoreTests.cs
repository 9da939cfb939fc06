using Fibo.Actors.Infrastructure.DeadLetters;
using Fibo.Actors.Tests.Support;

namespace Fibo.Actors.Tests.Infrastructure.Kafka;

public sealed class SqliteDeadLetterStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Stores_raw_bytes_with_offset_and_reason_once_per_record_and_survives_reopening()
    {
        var path = _dir.File("sub/dead.db");
        var letter = new DeadLetter("fibo.candles", 3, 42, "ETH_BTC-5m", [0x00, 0xFF, 0x7B], "undecodable value: x",
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        await using (var store = new SqliteDeadLetterStore($"Data Source={path}"))
        {
            await store.InitializeAsync();
            Assert.True(await store.AddAsync(letter));
            Assert.False(await store.AddAsync(letter with { Reason = "redelivered" })); // same record: kept once
            Assert.True(await store.AddAsync(letter with { Offset = 43, Key = null }));
        }
        await using var reopened = new SqliteDeadLetterStore($"Data Source={path}");
        Assert.Equal(2, await reopened.CountAsync());
        var stored = (await reopened.ListAsync()).Single(l => l.Offset == 42);
        Assert.Equal(letter.Value, stored.Value);
        Assert.Equal(letter with { Value = stored.Value }, stored);
        Assert.Null((await reopened.ListAsync()).Single(l => l.Offset == 43).Key);
    }

    public void Dispose() => _dir.Dispose();
}
