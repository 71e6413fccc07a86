namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>What every node of one cluster shares: programs, server user, options and folder.</summary>
internal sealed record ClusterContext(
    PostgresBinaries Binaries,
    ServerUser User,
    LocalPostgresClusterOptions Options,
    string Folder,
    IReadOnlyList<string> InstanceIds)
{
    /// <summary>Instance ids for <c>synchronous_standby_names</c>, or none when replication is asynchronous.</summary>
    internal IReadOnlyList<string> SynchronousStandbys => Options.SynchronousReplication ? InstanceIds : [];

    /// <summary>The per-command time limit.</summary>
    internal TimeSpan Timeout => Options.StartupTimeout;

    /// <summary>The time limit as whole seconds for <c>pg_ctl -t</c>.</summary>
    internal string TimeoutSeconds => ((int)Math.Ceiling(Options.StartupTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
