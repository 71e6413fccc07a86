using System.Diagnostics;
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

    private KitDataSource(LocalPostgresCluster cluster, AuroraDataSource dataSource, bool ownsCluster)
    {
        Cluster = cluster;
        DataSource = dataSource;
        _ownsCluster = ownsCluster;
    }

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

    public static KitDataSource Over(LocalPostgresCluster cluster, string settings = "") => new(cluster, Create(cluster, settings, null), ownsCluster: false);

    private static AuroraDataSource Create(LocalPostgresCluster cluster, string settings, Func<LocalPostgresCluster, string>? entry) =>
        AuroraDataSource.Create(
            $"{(entry ?? (c => c.Writer.ConnectionString))(cluster)};Application Name={ApplicationName};"
            + $"cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";topology_monitor_disposal_time_ms=0;{settings}",
            NpgsqlDriver.Instance);

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
        await DataSource.DisposeAsync();
        if (_ownsCluster)
        {
            await Cluster.DisposeAsync();
        }
    }
}
