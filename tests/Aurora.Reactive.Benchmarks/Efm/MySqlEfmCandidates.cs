using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Connections;
using Aurora.Reactive.MySqlConnector;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySqlConnector;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The candidates of one MySQL EFM round, all on the MariaDB writer's real port.</summary>
public static class MySqlEfmCandidates
{
    /// <summary>A command timeout a user might pick to catch a hung server: the aggressive EFM setting's bound (7 s).</summary>
    public const int TunedCommandTimeoutSeconds = 7;

    public static IReadOnlyList<ILongQueryCandidate> Create(LocalMariaDbNode writer)
    {
        var noCommandTimeout = writer.ServerConnectionString + ";Default Command Timeout=0";
        return
        [
            Library("(a) EFM 30000/5000/3", noCommandTimeout, EfmCandidates.SeedDefaults),
            Library("(a) EFM 6000/1000/1", noCommandTimeout, EfmCandidates.Aggressive),
            new DataSourceLongQuery(
                "(m) MySqlConnector defaults",
                "plain MySqlConnector with its defaults (Default Command Timeout=30, Connection Timeout=15)",
                new MySqlDataSource(writer.ServerConnectionString),
                bound: null,
                EfmSql.MySqlLongQuery),
            new DataSourceLongQuery(
                $"(m) MySqlConnector Default Command Timeout={TunedCommandTimeoutSeconds}",
                $"plain MySqlConnector with Default Command Timeout={TunedCommandTimeoutSeconds}, which would also end any healthy query longer than {TunedCommandTimeoutSeconds} s",
                new MySqlDataSource(writer.ServerConnectionString + $";Default Command Timeout={TunedCommandTimeoutSeconds}"),
                bound: null,
                EfmSql.MySqlLongQuery),
        ];
    }

    /// <summary>Monitoring alone (failover off): with nowhere to fail over to, the release is the monitor's abort.</summary>
    private static DataSourceLongQuery Library(string label, string connectionString, string detection)
    {
        var source = AuroraDataSource.Create(connectionString + ";enable_failover=false;" + detection, MySqlConnectorDriver.Instance);
        var bound = source.Settings.HostMonitoring?.Detection.DeadAfterFrozen;
        return new DataSourceLongQuery(label, "AuroraDataSource over MySqlConnector, Default Command Timeout=0, " + ActiveFeatures.Describe(source), source, bound, EfmSql.MySqlLongQuery);
    }
}
