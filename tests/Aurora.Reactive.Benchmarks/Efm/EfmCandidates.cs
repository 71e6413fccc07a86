using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The candidates of one EFM round, all on the writer's real port.</summary>
public static class EfmCandidates
{
    public const string SeedDefaults = "failure_detection_time_ms=30000;failure_detection_interval_ms=5000;failure_detection_count=3";

    public const string Aggressive = "failure_detection_time_ms=6000;failure_detection_interval_ms=1000;failure_detection_count=1";

    public static IReadOnlyList<ILongQueryCandidate> Create(LocalPostgresNode writer)
    {
        var noCommandTimeout = new NpgsqlConnectionStringBuilder(writer.ServerConnectionString) { CommandTimeout = 0 }.ConnectionString;
        return
        [
            Library("(a) EFM 30000/5000/3", noCommandTimeout, SeedDefaults),
            Library("(a) EFM 6000/1000/1", noCommandTimeout, Aggressive),
            new DataSourceLongQuery(
                "(n) Npgsql defaults",
                "plain Npgsql with its defaults (Command Timeout=30, Timeout=15, Cancellation Timeout=2000 ms)",
                NpgsqlDataSource.Create(writer.ServerConnectionString),
                bound: null),
            new DataSourceLongQuery(
                "(n) Npgsql Command Timeout=0",
                "plain Npgsql as a long query needs it (Command Timeout=0), otherwise defaults",
                NpgsqlDataSource.Create(noCommandTimeout),
                bound: null),
        ];
    }

    /// <summary>Monitoring alone (failover off): with nowhere to fail over to, the release is the monitor's abort.</summary>
    private static DataSourceLongQuery Library(string label, string connectionString, string detection)
    {
        var source = AuroraDataSource.Create(connectionString + ";enable_failover=false;" + detection, NpgsqlDriver.Instance);
        var bound = source.Settings.HostMonitoring?.Detection.DeadAfterFrozen;
        return new DataSourceLongQuery(label, "AuroraDataSource, Command Timeout=0, " + ActiveFeatures.Describe(source), source, bound);
    }
}
