using System.Diagnostics;
using System.Text.RegularExpressions;
using Fibo.Actors.Hosting;
using Fibo.Actors.Hosting.Options;
using Fibo.Actors.Infrastructure.MarketData;
using Fibo.Node.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Fibo.Node.Tests.Docker;

/// <summary>
/// docker/: there is no Docker engine here, so the images are never run by these tests. What can be checked is checked:
/// <c>docker-compose config</c> (Debian's docker-compose 1.29) resolves the compose file with <c>.env.example</c>; every
/// node's environment, laid over the Dockerfile's ENV defaults, loads through <see cref="FiboOptionsLoader"/> (which refuses
/// unknown keys by reflection over <see cref="FiboOptions"/>, so a renamed option breaks this test) and describes a real
/// cluster (one seed, roles, PostgreSQL, the Kafka service); the Dockerfile is a multi-stage SDK → ASP.NET build of
/// <c>src/Fibo.Node</c> whose COPY sources exist.
/// </summary>
public sealed class DockerFilesTests
{
    private static readonly string Compose = TempFolder.RepoFile("docker/docker-compose.yml");
    private static readonly string EnvExample = TempFolder.RepoFile("docker/.env.example");
    private static readonly string Dockerfile = TempFolder.RepoFile("docker/Dockerfile");

    [Fact]
    public async Task Compose_resolves_with_the_example_env_and_every_node_loads_as_a_member_of_one_cluster()
    {
        var run = await DockerComposeAsync("--env-file", EnvExample, "-f", Compose, "config");
        Assert.True(run.ExitCode == 0, run.ToString());
        var services = Services(run.StdOut);
        Assert.Equal(["fibo-2", "fibo-3", "fibo-seed", "kafka", "postgres"], services.Keys.Order(StringComparer.Ordinal));

        // Kafka in KRaft mode (no ZooKeeper), PostgreSQL 15.
        var kafka = Environment(services["kafka"]);
        Assert.StartsWith("apache/kafka:", Scalar(services["kafka"], "image"));
        Assert.Contains("controller", kafka["KAFKA_PROCESS_ROLES"]);
        Assert.Equal("PLAINTEXT://kafka:9092", kafka["KAFKA_ADVERTISED_LISTENERS"]);
        Assert.Equal("postgres:15", Scalar(services["postgres"], "image"));

        var dockerfileEnv = DockerfileEnvironment();
        var nodes = services.Where(s => s.Key.StartsWith("fibo-", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => Load(dockerfileEnv, Environment(s.Value)));
        Assert.Equal(3, nodes.Count);
        var seed = nodes["fibo-seed"];
        var seedAddress = $"akka.tcp://{seed.Node.ActorSystemName}@{seed.Node.PublicHostname}:{seed.Node.Port}";
        foreach (var (name, o) in nodes)
        {
            var service = services[name];
            // Reachable under its service name, joining through the seed.
            Assert.Equal(name, Scalar(service, "hostname"));
            Assert.Equal(name, o.Node.PublicHostname);
            Assert.Equal("0.0.0.0", o.Node.Hostname);
            Assert.Equal([seedAddress], o.Node.SeedNodes);
            Assert.Equal("fibo", o.Node.ActorSystemName);
            // The HTTP API listens on the container port the compose file publishes.
            Assert.Equal("0.0.0.0", o.Http.Host);
            Assert.Contains(o.Http.Port.ToString(), ((YamlSequenceNode)service.Children[new YamlScalarNode("ports")]).Children
                .Select(p => p is YamlMappingNode m ? ((YamlScalarNode)m.Children[new YamlScalarNode("target")]).Value! : ((YamlScalarNode)p).Value!.Split(':')[^1]));
            // One Kafka and one PostgreSQL for all: journal, snapshots, candles and dead letters.
            Assert.Equal("kafka:9092", o.Kafka.BootstrapServers);
            Assert.Equal(PersistenceProvider.Postgres, o.Persistence.Provider);
            Assert.True(CandleStores.IsPostgres(o.Persistence.EffectiveSnapshotConnectionString));
            Assert.True(CandleStores.IsPostgres(o.Store.ConnectionString), o.Store.ConnectionString);
            Assert.True(CandleStores.IsPostgres(o.Store.DeadLetterConnectionString), o.Store.DeadLetterConnectionString);
            Assert.Contains("Host=postgres;", o.Persistence.ConnectionString);
            Assert.Equal(seed.Persistence.ConnectionString, o.Persistence.ConnectionString);
            Assert.Equal(seed.Store.ConnectionString, o.Store.ConnectionString);
            Assert.Equal(seed.Kafka.Topic, o.Kafka.Topic);
            // The shared model registry is the volume every node mounts.
            Assert.Contains(((YamlSequenceNode)service.Children[new YamlScalarNode("volumes")]).Children,
                v => ((YamlScalarNode)v).Value!.Split(':')[1] == o.Models.Directory);
        }
        // One ingest node (the seed); series on every node; executors on the two others.
        Assert.Equal(["fibo-seed"], nodes.Where(n => n.Value.Node.EffectiveRoles.Contains(FiboRoles.Ingest)).Select(n => n.Key));
        Assert.All(nodes.Values, o => Assert.Contains(FiboRoles.Compute, o.Node.EffectiveRoles));
        Assert.Equal(["fibo-2", "fibo-3"], nodes.Where(n => n.Value.Node.EffectiveRoles.Contains(FiboRoles.Trading)).Select(n => n.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Compose_refuses_to_resolve_without_a_database_password()
    {
        using var dir = new TempDir();
        var env = dir.File("no-password.env");
        await File.WriteAllLinesAsync(env, File.ReadAllLines(EnvExample).Where(l => !l.StartsWith("FIBO_PG_PASSWORD=", StringComparison.Ordinal)));
        var run = await DockerComposeAsync("--env-file", env, "-f", Compose, "config");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FIBO_PG_PASSWORD", run.StdErr + run.StdOut);
    }

    [Fact]
    public void Dockerfile_publishes_the_node_from_the_sdk_onto_the_aspnet_runtime_and_copies_only_what_exists()
    {
        var lines = File.ReadAllLines(Dockerfile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var from = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, from.Count);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0\S* AS build$", from[0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0\S*$", from[1]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^RUN dotnet publish src/Fibo\.Node/Fibo\.Node\.csproj -c Release -o /app\b"));
        Assert.Contains("COPY --from=build /app ./", lines);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/fibo.dll\"]", lines);
        Assert.Contains("CMD [\"run\"]", lines);
        // Every file the build copies from the repository exists (a moved project breaks this, not the image build).
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.StartsWith("COPY --from", StringComparison.Ordinal)))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
                Assert.True(File.Exists(TempFolder.RepoFile(source)) || Directory.Exists(TempFolder.RepoFile(source.TrimEnd('/'))), $"{copy}: {source} is not in the repository");
        }
        // The publish output is the one the TorchSharp fix runs on (after Publish).
        Assert.Contains("AfterTargets=\"Publish\"", File.ReadAllText(TempFolder.RepoFile("build/TorchSharpNativeFix.targets")));
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The node's options as the container sees them: the Dockerfile's ENV, then the service's environment.</summary>
    private static FiboOptions Load(IReadOnlyDictionary<string, string> dockerfile, IReadOnlyDictionary<string, string> service)
    {
        var env = new Dictionary<string, string>(dockerfile);
        foreach (var (k, v) in service) env[k] = v;
        return FiboOptionsLoader.Load(FiboConfiguration.Build([], environment: env));
    }

    private static Dictionary<string, string> DockerfileEnvironment()
    {
        // ENV K=V \ continued over lines: join the continuations, then take every K=V pair.
        var text = Regex.Replace(File.ReadAllText(Dockerfile), @"\\\r?\n\s*", " ");
        var env = new Dictionary<string, string>();
        foreach (var line in text.Split('\n').Where(l => l.TrimStart().StartsWith("ENV ", StringComparison.Ordinal)))
            foreach (Match m in Regex.Matches(line, @"(\S+)=(\S+)"))
                env[m.Groups[1].Value] = m.Groups[2].Value;
        Assert.Contains("Fibo__Node__Hostname", env.Keys);
        return env;
    }

    private static Dictionary<string, YamlMappingNode> Services(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ((YamlMappingNode)root.Children[new YamlScalarNode("services")]).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (YamlMappingNode)kv.Value);
    }

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service.Children[new YamlScalarNode("environment")]).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "");

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    /// <summary>Debian's docker-compose (./test.sh installs it); it validates and resolves a compose file without an engine.</summary>
    private static async Task<FiboRun> DockerComposeAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("docker-compose is not installed: run ./test.sh (it installs it) or apt-get install docker-compose", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new FiboRun(process.ExitCode, await stdout, await stderr);
        }
    }
}
