using System.Collections.Concurrent;
using System.Text;
using Fibo.Actors.Infrastructure.Binance;
using Fibo.Actors.Infrastructure.Binance.MarketData;
using Fibo.Actors.Infrastructure.Binance.Rest;
using Fibo.Actors.Infrastructure.Binance.Simulator;
using Fibo.Actors.Infrastructure.Binance.Trading;
using Fibo.Messages.Trading;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using static Fibo.Actors.Tests.Infrastructure.Binance.BinanceTestMarkets;

namespace Fibo.Actors.Tests.Infrastructure.Binance;

/// <summary>A whole trading flow, failures included, with every log event captured at Verbose: the key and secret never appear.</summary>
public class SecretsNotLoggedTests
{
    private sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();
        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

        /// <summary>Everything an operator could ever see of the events: rendered text, every property, every exception.</summary>
        public string Everything()
        {
            var sb = new StringBuilder();
            foreach (var e in Events)
            {
                sb.AppendLine(e.RenderMessage());
                foreach (var (name, value) in e.Properties) sb.Append(name).Append('=').AppendLine(value.ToString());
                if (e.Exception is not null) sb.AppendLine(e.Exception.ToString());
            }
            return sb.ToString();
        }
    }

    [Fact]
    public async Task Neither_the_api_key_nor_the_secret_reaches_any_log_event()
    {
        string key = "K" + Guid.NewGuid().ToString("N") + "key";
        string secret = "S" + Guid.NewGuid().ToString("N") + "secret";
        var credentials = new BinanceCredentials(key, secret);
        var sink = new CapturingSink();
        using var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();

        await using var sim = await ExchangeSimulatorHost.StartAsync(new ExchangeSimulatorOptions
        {
            Data = RealFiveMinute(),
            Speed = 0,
            HistoryCandles = 100,
            Credentials = credentials,
        }, log);
        var options = sim.FastClient(TimeSpan.FromMilliseconds(600));
        log.Information("Binance options {@Options}, credentials {Credentials} / {@CredentialsDestructured}", options, credentials, credentials);

        using (var http = new BinanceHttp(options, credentials, log: log))
        {
            var broker = new BinanceBroker(new BinanceSpotTrading(http), new BinanceMarketData(http),
                new BinanceBrokerOptions { UnknownOutcomeQueryDelay = TimeSpan.FromMilliseconds(20) }, log);
            var ok = await broker.SubmitAsync(new BrokerOrderRequest("fibo-log-1", EthBtc5m, OrderSide.Buy, 0.5m, 0));
            Assert.Equal(BrokerOrderState.Filled, ok.State);
            sim.Faults.FailNextOrders(OrderFault.ErrorAfterAccept);
            var lost = await broker.SubmitAsync(new BrokerOrderRequest("fibo-log-2", EthBtc5m, OrderSide.Sell, 0.5m, 0));
            Assert.Equal(BrokerOrderState.Filled, lost.State); // resolved by query
            sim.Faults.FailNextOrders(OrderFault.ErrorBeforeAccept);
            Assert.Equal(BrokerOrderState.NotFound, (await broker.SubmitAsync(new BrokerOrderRequest("fibo-log-3", EthBtc5m, OrderSide.Buy, 0.5m, 0))).State);
            sim.Faults.ClockSkew = TimeSpan.FromSeconds(40); // -1021, then a resync
            Assert.Equal(BrokerOrderState.Filled, (await broker.QueryAsync(EthBtc5m.Symbol, "fibo-log-1")).State);
            sim.Faults.RateLimitNext(1);
            await new BinanceSpotTrading(http).GetBalancesAsync();
            Assert.Equal(BrokerOrderState.Rejected, (await broker.SubmitAsync(new BrokerOrderRequest("fibo-log-4", EthBtc5m, OrderSide.Buy, 0.00001m, 0))).State);
        }

        // A client with the wrong secret: the application logs the refusal it gets.
        using (var bad = new BinanceHttp(options, new BinanceCredentials(key, secret + "x"), log: log))
        {
            var e = await Assert.ThrowsAsync<BinanceApiException>(() => new BinanceSpotTrading(bad).GetBalancesAsync());
            log.Error(e, "Binance refused the account request");
        }

        var everything = sink.Everything();
        Assert.True(sink.Events.Count > 20, $"only {sink.Events.Count} events were captured: the flow did not log enough to prove anything");
        Assert.Contains("-1022", everything);
        Assert.Contains("querying it instead of sending it again", everything);
        Assert.DoesNotContain(key, everything);
        Assert.DoesNotContain(secret, everything);
    }
}
