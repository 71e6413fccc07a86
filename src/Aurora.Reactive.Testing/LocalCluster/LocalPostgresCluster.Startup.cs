using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Starting a cluster.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>
    /// Starts a cluster: finds (or, as root on Debian, installs) PostgreSQL, copies a prepared template
    /// for every node, starts the primary and the standbys, and waits until every standby streams.
    /// </summary>
    /// <param name="options">How to build the cluster; <see langword="null"/> for the defaults (one writer, two readers).</param>
    /// <param name="cancellationToken">Cancels the start; what was started is stopped again.</param>
    /// <returns>The running cluster; dispose it to stop and remove it.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed and cannot be installed here, or a server failed to start (the message holds its output).</exception>
    /// <exception cref="TimeoutException">A server or the replication did not come up within <see cref="LocalPostgresClusterOptions.StartupTimeout"/>.</exception>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var copy = (options ?? new LocalPostgresClusterOptions()).Clone();
        copy.Validate();
        string? template = null;
        return await LaunchAsync<LocalPostgresCluster>(
            async kitRoot =>
            {
                var binaries = await PostgresInstaller.EnsureAsync(kitRoot, cancellationToken).ConfigureAwait(false);
                var user = ServerUser.ForCurrentProcess();
                template = await ClusterTemplate.EnsureAsync(binaries, user, kitRoot, copy.StartupTimeout, cancellationToken).ConfigureAwait(false);
                return (user, (folder, watchdog) => new LocalPostgresCluster(new ClusterContext(binaries, user, copy, folder, copy.ResolveInstanceIds()), watchdog));
            },
            cluster => cluster.BootAsync(template!, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task BootAsync(string template, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Nodes.Select(n => n.CopyTemplateAsync(template, cancellationToken))).ConfigureAwait(false);
        var writer = Nodes[0];
        // Copies of one cleanly shut down folder share their history, so the standbys can start at
        // once and stream from the primary as soon as it listens.
        await StartServersAsync(
            node => node.WriteSettings(node == writer ? null : writer.ServerPort),
            node => node.StartServerAsync(cancellationToken),
            node => node.StopServerAsync("immediate", cancellationToken)).ConfigureAwait(false);
        ControlPlane.PublishNow(ControlPlane.CurrentRows());
        await WaitUntilStreamingAsync(writer, Nodes.Where(n => n != writer).ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private Task WaitUntilStreamingAsync(LocalPostgresNode writer, IReadOnlyList<LocalPostgresNode> standbys, CancellationToken cancellationToken)
    {
        if (standbys.Count == 0)
        {
            return Task.CompletedTask;
        }

        var names = string.Join(",", standbys.Select(s => "'" + s.InstanceId + "'"));
        var sql = $"SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND application_name IN ({names})";
        return ServerSql.WaitUntilAsync(
            async token => Convert.ToInt32(await ServerSql.ScalarAsync(writer.ServerPort, sql, token).ConfigureAwait(false), CultureInfo.InvariantCulture) == standbys.Count,
            context.Timeout,
            $"{string.Join(", ", standbys.Select(s => s.InstanceId))} stream from {writer.InstanceId}",
            cancellationToken);
    }
}
