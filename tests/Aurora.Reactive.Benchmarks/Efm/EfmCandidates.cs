using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The candidates of one EFM round, all on the writer's real port.</summary>
public static class EfmCandidates
{
    public static FailureDetectionSettings SeedDefaults { get; } = FailureDetectionSettings.Default;

    public static FailureDetectionSettings Aggressive { get; } = FailureDetectionSettings.FromMilliseconds(6_000, 1_000, 1);

    public static IReadOnlyList<ILongQueryCandidate> Create(LocalPostgresNode writer)
    {
        var host = new HostSpec("127.0.0.1", writer.ServerPort, writer.InstanceId);
        var noCommandTimeout = new NpgsqlConnectionStringBuilder(writer.ServerConnectionString) { CommandTimeout = 0 }.ConnectionString;
        return
        [
            new MonitorVerdictCandidate("(a) EFM 30000/5000/3, detection", SeedDefaults, host, noCommandTimeout),
            new MonitorVerdictCandidate("(a) EFM 6000/1000/1, detection", Aggressive, host, noCommandTimeout),
            new NpgsqlLongQuery("(n) Npgsql defaults", "plain Npgsql with its defaults (Command Timeout=30, Timeout=15, Cancellation Timeout=2000 ms)", writer.ServerConnectionString),
            new NpgsqlLongQuery("(n) Npgsql Command Timeout=0", "plain Npgsql as a long query needs it (Command Timeout=0), otherwise defaults", noCommandTimeout),
        ];
    }
}
