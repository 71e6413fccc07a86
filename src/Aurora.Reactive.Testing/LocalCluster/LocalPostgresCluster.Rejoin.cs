using System.Data.Common;
using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Bringing a failed node back as a reader.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>
    /// Brings a node back as a reader of the current writer, as Aurora restarts a failed old writer as a
    /// reader: a crashed, stopped, frozen or split-brain node is stopped, rewound onto the writer's timeline
    /// with <c>pg_rewind</c> (after a <c>CHECKPOINT</c> on the writer, so that a freshly promoted writer shows its new
    /// timeline), started as a standby, and waited for until it streams. When pg_rewind fails, or the rewound server does
    /// not start or stream, the node is copied afresh from the writer with <c>pg_basebackup</c> and started again.
    /// A node that already runs as a standby is only re-pointed.
    /// </summary>
    /// <param name="node">A node of this cluster that is not the writer.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>A task that completes when the node streams from the writer.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">
    /// The node is the writer, or it could not be brought back even from a fresh copy: the message names the node,
    /// the state it is left in and the cause.
    /// </exception>
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
            node.Role = LocalNodeRole.Reader;
            await WaitUntilStreamingAsync(writer, [node], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (node.ProcessId is not null)
            {
                await node.KillServerAsync(cancellationToken).ConfigureAwait(false);
            }

            node.Role = LocalNodeRole.Reader;
            await BringBackAsReaderAsync(node, writer, cancellationToken).ConfigureAwait(false);
        }

        ControlPlane.OnTopologyChanged();
    }

    // pg_rewind first; when it fails, or the rewound server does not start or stream, a fresh copy of the writer. A node
    // that cannot be brought back either way is reported by the exception, which names it, the writer and the cause.
    private async Task BringBackAsReaderAsync(LocalPostgresNode node, LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        try
        {
            var rewind = await RewindAsync(node, writer, cancellationToken).ConfigureAwait(false);
            if (rewind.ExitCode == 0)
            {
                try
                {
                    await StartAndStreamAsync(node, writer, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    await node.KillStrayServerAsync(cancellationToken).ConfigureAwait(false);
                    await NoteInLogAsync(node, $"the server did not come back after pg_rewind, copying afresh with pg_basebackup:\n{e.Message}", cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await NoteInLogAsync(node, $"pg_rewind failed, copying afresh with pg_basebackup:\n{rewind.StandardError}", cancellationToken).ConfigureAwait(false);
            }

            await CopyAfreshAsync(node, writer, cancellationToken).ConfigureAwait(false);
            await StartAndStreamAsync(node, writer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or UnauthorizedAccessException or DbException)
        {
            throw new InvalidOperationException(
                $"{node.InstanceId} could not be brought back as a reader of {writer.InstanceId} (pg_rewind, then a fresh pg_basebackup) "
                + $"and is left {node.State}; its server log is {node.LogFile}. Cause: {e.Message}",
                e);
        }
    }

    private async Task StartAndStreamAsync(LocalPostgresNode node, LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        await StartAsReaderAsync(node, writer, cancellationToken).ConfigureAwait(false);
        await WaitUntilStreamingAsync(writer, [node], cancellationToken).ConfigureAwait(false);
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

    // pg_rewind learns the source's timeline from its control file, which a promoted server updates only at its first
    // checkpoint after the promotion (asynchronously, a moment later). Rewinding against a stale control file takes the
    // source for a server still on an older timeline: pg_rewind then "succeeds" and leaves a minimum recovery point on
    // that older timeline, and the server refuses to start ("requested timeline N does not contain minimum recovery
    // point ... on timeline M"). A CHECKPOINT on the source first, as the pg_rewind documentation asks for a freshly
    // promoted source, brings its control file up to date.
    private async Task<CommandResult> RewindAsync(LocalPostgresNode node, LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        await ServerSql.ScalarAsync(writer.ServerPort, "CHECKPOINT", cancellationToken).ConfigureAwait(false);
        var source = string.Create(CultureInfo.InvariantCulture, $"host=127.0.0.1 port={writer.ServerPort} user=postgres dbname=postgres");
        return await CommandRunner.RunAsync(
            context.Binaries.PgRewind,
            ["-D", node.DataDirectory, "--source-server=" + source],
            context.User, node.Folder, context.Timeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task CopyAfreshAsync(LocalPostgresNode node, LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        Directory.Delete(node.DataDirectory, recursive: true);
        (await CommandRunner.RunAsync(
                context.Binaries.PgBasebackup,
                ["-D", node.DataDirectory, "-h", "127.0.0.1", "-p", writer.ServerPort.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-X", "stream", "-c", "fast"],
                context.User, node.Folder, context.Timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
    }

    // The kit's notes go to the node's server log, next to what the server said about the same attempt.
    private static Task NoteInLogAsync(LocalPostgresNode node, string note, CancellationToken cancellationToken) =>
        File.AppendAllTextAsync(node.LogFile, $"[local cluster kit] {note}\n", cancellationToken);
}
