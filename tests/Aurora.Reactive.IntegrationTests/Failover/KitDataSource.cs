using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reactive.Disposables;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>
/// A data source built the way users build it, <c>AuroraDataSource.Create(connection string, NpgsqlDriver.Instance)</c>,
/// over a local cluster: the string names an entry node (the writer by default) and <c>cluster_instance_endpoints</c>.
/// </summary>
internal sealed class KitDataSource : IAsyncDisposable
{
    public const string ApplicationName = "aurora-failover-tests";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly bool _ownsCluster;

    private readonly ConcurrentQueue<string> _trace = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IDisposable _tracing;

    private KitDataSource(LocalPostgresCluster cluster, AuroraDataSource dataSource, bool ownsCluster)
    {
        Cluster = cluster;
        DataSource = dataSource;
        _ownsCluster = ownsCluster;
        _tracing = dataSource.Settings.FailoverHandler is FailoverCoordinator coordinator
            ? new CompositeDisposable(
                coordinator.TopologyEvents.Subscribe(e => Note($"topology {e.Kind}: {e.Message}")),
                coordinator.Reports.Subscribe(r => Note($"failover ended: {r}")))
            : Disposable.Empty;
    }

    /// <summary>What the topology monitor and the coordinator did, one line each with the time since the start and the thread pool's load.</summary>
    public string Trace => string.Join(Environment.NewLine, _trace);

    public void Note(string line) =>
        _trace.Enqueue($"{_clock.ElapsedMilliseconds,7} ms [pool {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} queued] {line}");

    public LocalPostgresCluster Cluster { get; }

    public AuroraDataSource DataSource { get; }

    public static async Task<KitDataSource> StartAsync(LocalPostgresClusterOptions options, string settings = "", Func<LocalPostgresCluster, string>? entry = null)
    {
        var cluster = await LocalPostgresCluster.StartAsync(options);
        try
        {
            return new KitDataSource(cluster, Create(cluster, settings, entry), ownsCluster: true);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static KitDataSource Over(LocalPostgresCluster cluster, string settings = "", Func<LocalPostgresCluster, string>? entry = null) =>
        new(cluster, Create(cluster, settings, entry), ownsCluster: false);

    private static AuroraDataSource Create(LocalPostgresCluster cluster, string settings, Func<LocalPostgresCluster, string>? entry) =>
        AuroraDataSource.Create(
            $"{(entry ?? (c => c.Writer.ConnectionString))(cluster)};Application Name={ApplicationName};"
            + $"cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";topology_monitor_disposal_time_ms=0;{TimeoutUnlessGiven(settings)}{settings}",
            NpgsqlDriver.Instance);

    // A failover that goes wrong here ends in a minute, not after the 300 s default, so a failing run stays short.
    private static string TimeoutUnlessGiven(string settings) =>
        settings.Contains("failover_timeout_sec", StringComparison.OrdinalIgnoreCase) ? "" : "failover_timeout_sec=60;";

    public static async Task<T> ScalarAsync<T>(AuroraConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static Task<string> InstanceIdAsync(AuroraConnection connection) =>
        ScalarAsync<string>(connection, "SELECT pg_catalog.aurora_db_instance_identifier()");

    /// <summary>Runs <paramref name="statement"/> until it throws <typeparamref name="TError"/> (it may still succeed before the fault lands).</summary>
    public static async Task<TError> RunUntilAsync<TError>(Func<Task> statement)
        where TError : FailoverException
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            try
            {
                await statement();
            }
            catch (TError expected)
            {
                return expected;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {typeof(TError).Name} within {Patience.TotalSeconds} s.");
    }

    public async ValueTask DisposeAsync()
    {
        _tracing.Dispose();
        await DataSource.DisposeAsync();
        if (_ownsCluster)
        {
            await Cluster.DisposeAsync();
        }
    }
}
