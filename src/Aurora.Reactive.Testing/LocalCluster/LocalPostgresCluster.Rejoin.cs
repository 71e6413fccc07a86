using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Bringing a failed node back as a reader.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>
    /// Brings a node back as a reader of the current writer, as Aurora restarts a failed old writer as a
    /// reader: a crashed, stopped, frozen or split-brain node is stopped, rewound onto the writer's timeline
    /// with <c>pg_rewind</c> (or, if that fails, copied afresh with <c>pg_basebackup</c>), started as a standby,
    /// and waited for until it streams. A node that already runs as a standby is only re-pointed.
    /// </summary>
    /// <param name="node">A node of this cluster that is not the writer.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>A task that completes when the node streams from the writer.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">The node is the writer, or a step failed.</exception>
    /// <exception cref="TimeoutException">The node did not stream within <see cref="LocalPostgresClusterOptions.StartupTimeout"/>.</exception>
    public Task RejoinAsReaderAsync(LocalPostgresNode node, CancellationToken cancellationToken = default)
    {
        Own(node, nameof(node));
        return ExclusiveAsync(() => RejoinCoreAsync(node, cancellationToken), cancellationToken);
    }

    private async Task RejoinCoreAsync(LocalPostgresNode node, CancellationToken cancellationToken)
    {
        var writer = Writer;
        if (node == writer)
        {
            throw new InvalidOperationException($"{node.InstanceId} is the writer; only another node can rejoin as its reader.");
        }

        if (node.State == LocalNodeState.Running
            && Equals(true, await ServerSql.ScalarAsync(node.ServerPort, "SELECT pg_is_in_recovery()", cancellationToken).ConfigureAwait(false)))
        {
            node.WriteSettings(writer.ServerPort);
            node.ReloadConfiguration();
        }
        else
        {
            if (node.ProcessId is not null)
            {
                await node.KillServerAsync(cancellationToken).ConfigureAwait(false);
            }

            await RewindOrCopyAsync(node, writer, cancellationToken).ConfigureAwait(false);
            await StartAsReaderAsync(node, writer, cancellationToken).ConfigureAwait(false);
        }

        node.Role = LocalNodeRole.Reader;
        await WaitUntilStreamingAsync(writer, [node], cancellationToken).ConfigureAwait(false);
        ControlPlane.OnTopologyChanged();
    }

    // While the node was down another process may have bound its server port; it then starts on a new one, which its
    // forwarder follows (clients keep the node's address). Safe for a reader only: no other server streams from it.
    private async Task StartAsReaderAsync(LocalPostgresNode node, LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            node.WriteSettings(writer.ServerPort);
            ControlPlane.Republish(node);
            try
            {
                await node.StartServerAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && node.LastStartLostItsPort())
            {
                node.ReassignServerPort();
            }
        }
    }

    private async Task RewindOrCopyAsync(LocalPostgresNode node, LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        var source = string.Create(CultureInfo.InvariantCulture, $"host=127.0.0.1 port={writer.ServerPort} user=postgres dbname=postgres");
        var rewind = await CommandRunner.RunAsync(
            context.Binaries.PgRewind,
            ["-D", node.DataDirectory, "--source-server=" + source],
            context.User, node.Folder, context.Timeout, cancellationToken).ConfigureAwait(false);
        if (rewind.ExitCode == 0)
        {
            return;
        }

        await File.AppendAllTextAsync(node.LogFile, $"pg_rewind failed, copying afresh with pg_basebackup:\n{rewind.StandardError}\n", cancellationToken).ConfigureAwait(false);
        Directory.Delete(node.DataDirectory, recursive: true);
        (await CommandRunner.RunAsync(
                context.Binaries.PgBasebackup,
                ["-D", node.DataDirectory, "-h", "127.0.0.1", "-p", writer.ServerPort.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-X", "stream", "-c", "fast"],
                context.User, node.Folder, context.Timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
    }
}
