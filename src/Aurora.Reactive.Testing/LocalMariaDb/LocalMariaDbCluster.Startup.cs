using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <content>Starting a cluster.</content>
public sealed partial class LocalMariaDbCluster
{
    /// <summary>
    /// Starts a cluster: finds (or, as root on Debian, installs) MariaDB, copies a prepared template for every
    /// node, starts every server, points the replicas at the primary by GTID and waits until they replicate.
    /// </summary>
    /// <param name="options">How to build the cluster; <see langword="null"/> for the defaults (one writer, two readers).</param>
    /// <param name="cancellationToken">Cancels the start; what was started is stopped again.</param>
    /// <returns>The running cluster; dispose it to stop and remove it.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    /// <exception cref="InvalidOperationException">MariaDB is not installed and cannot be installed here, or a server failed to start (the message holds its log).</exception>
    /// <exception cref="TimeoutException">A server or the replication did not come up within <see cref="LocalMariaDbClusterOptions.StartupTimeout"/>.</exception>
    public static async Task<LocalMariaDbCluster> StartAsync(LocalMariaDbClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var copy = (options ?? new LocalMariaDbClusterOptions()).Clone();
        copy.Validate();
        string? template = null;
        return await LaunchAsync<LocalMariaDbCluster>(
            async kitRoot =>
            {
                var binaries = await MariaDbInstaller.EnsureAsync(kitRoot, cancellationToken).ConfigureAwait(false);
                var user = ServerUser.ForCurrentProcess("mysql", "mariadb-server");
                template = await MariaDbTemplate.EnsureAsync(binaries, user, kitRoot, copy.StartupTimeout, cancellationToken).ConfigureAwait(false);
                return (user, (folder, watchdog) => new LocalMariaDbCluster(new MariaDbContext(binaries, user, copy, folder, copy.ResolveInstanceIds()), watchdog));
            },
            cluster => cluster.BootAsync(template!, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task BootAsync(string template, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Nodes.Select(n => n.CopyTemplateAsync(template, cancellationToken))).ConfigureAwait(false);
        await StartServersAsync(
            node => node.WriteSettings(),
            node => node.StartServerAsync(cancellationToken),
            node => node.KillServerAsync(cancellationToken)).ConfigureAwait(false);
        ControlPlane.PublishNow(ControlPlane.CurrentRows());
        var writer = Writer;
        await Task.WhenAll(Readers.Select(r => r.ReplicateFromAsync(writer, cancellationToken))).ConfigureAwait(false);
        await WaitUntilReplicatingAsync(Readers, cancellationToken).ConfigureAwait(false);
    }
}
