using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>What every node of one MariaDB cluster shares: programs, server user, options and folder.</summary>
internal sealed record MariaDbContext(
    MariaDbBinaries Binaries,
    ServerUser User,
    LocalMariaDbClusterOptions Options,
    string Folder,
    IReadOnlyList<string> InstanceIds)
{
    /// <summary>The per-command time limit.</summary>
    internal TimeSpan Timeout => Options.StartupTimeout;
}
