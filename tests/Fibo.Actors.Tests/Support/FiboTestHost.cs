using Akka.Actor;
using Akka.Hosting;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fibo.Actors.Tests.Support;

/// <summary>A real node host built from the production wiring (<see cref="FiboNodeHosting.WithFiboNode"/>) plus test extras.</summary>
public sealed class FiboTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private FiboTestHost(IHost host) => _host = host;

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public IActorRegistry Registry => _host.Services.GetRequiredService<ActorRegistry>();

    public static async Task<FiboTestHost> StartAsync(FiboOptions options, Action<AkkaConfigurationBuilder>? configure = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(options.Node.ActorSystemName, (builder, _) =>
            {
                builder.WithFiboNode(options, typeof(FiboTestHost).Assembly);
                configure?.Invoke(builder);
            }))
            .Build();
        await host.StartAsync();
        return new FiboTestHost(host);
    }

    /// <summary>Options for a test node: cluster of one on a free port, persistence as given.</summary>
    public static FiboOptions Options(Action<FiboOptions>? configure = null)
    {
        var o = new FiboOptions();
        o.Node.Port = 0;
        o.Logging.Level = "Warning";
        configure?.Invoke(o);
        return o;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(20));
        _host.Dispose();
    }
}
