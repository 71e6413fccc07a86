// HostHealthWatch: subscribe to the health of every host of a cluster. Against a local cluster (default) a
// reader is frozen for a few seconds and thawed, so the stream shows Healthy -> Suspect -> Unhealthy -> Healthy.
// Against your cluster: dotnet run --project examples/HostHealthWatch -- "Host=...;cluster_instance_host_pattern=..."
using System.Reactive.Linq;
using Aurora.Reactive.Client;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;

const string Detection = "failure_detection_time_ms=0;failure_detection_interval_ms=500;failure_detection_count=3";

LocalPostgresCluster? cluster = null;
var connectionString = args.Length > 0 ? args[0] : null;
if (connectionString is null)
{
    cluster = await LocalPostgresCluster.StartAsync();
    connectionString = $"{cluster.WriterConnectionString};cluster_instance_endpoints={cluster.InstanceEndpoints};{Detection}";
}

await using var client = AuroraClient.Create(connectionString, NpgsqlDriver.Instance);

// One line per change of a host's status (the stream has one value per probe).
using var watch = client.HostHealth
    .GroupBy(health => health.Host.Endpoint)
    .SelectMany(host => host.DistinctUntilChanged(health => health.Status))
    .Subscribe(health => Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff}  {health.Host.InstanceId ?? health.Host.Endpoint,-12} {health.Status,-10} " +
        $"({health.ConsecutiveFailures} failed probes, last probe {(health.LastProbeLatency is { } latency ? $"{latency.TotalMilliseconds:0.0} ms" : "-")})"));
using var topology = client.Topology.Subscribe(t => Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff}  topology: {t}"));

if (cluster is null)
{
    Console.WriteLine("Watching; press Enter to stop.");
    Console.ReadLine();
    return;
}

await Task.Delay(TimeSpan.FromSeconds(3));
var reader = cluster.Readers[0];
Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff}  freezing {reader.InstanceId} for 4 s");
await cluster.FreezeAsync(reader);
await Task.Delay(TimeSpan.FromSeconds(4));
await cluster.ThawAsync(reader);
Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff}  thawed {reader.InstanceId}");
await Task.Delay(TimeSpan.FromSeconds(2));
await client.DisposeAsync();
await cluster.DisposeAsync();
