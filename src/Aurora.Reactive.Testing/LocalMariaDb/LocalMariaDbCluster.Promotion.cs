using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <content>Promotion, and stopping a server for good.</content>
public sealed partial class LocalMariaDbCluster
{
    /// <inheritdoc/>
    /// <remarks>
    /// <c>STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF</c> on the reader, then every other running reader
    /// is re-pointed with <c>CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos</c>.
    /// </remarks>
    private protected override async Task PromoteCoreAsync(LocalMariaDbNode standby, CancellationToken cancellationToken)
    {
        if (standby.Role != LocalNodeRole.Reader || standby.State != LocalNodeState.Running)
        {
            throw new InvalidOperationException($"Cannot promote {standby}: only a running reader can be promoted.");
        }

        var elapsed = Measure();
        await standby.BecomeWriterAsync(cancellationToken).ConfigureAwait(false);
        LastPromotionDuration = elapsed.Elapsed;

        var oldWriter = Writer;
        oldWriter.Role = LocalNodeRole.Reader;
        standby.Role = LocalNodeRole.Writer;
        var followers = Nodes.Where(n => n != oldWriter && n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running).ToArray();
        await Task.WhenAll(followers.Select(r => r.ReplicateFromAsync(standby, cancellationToken))).ConfigureAwait(false);
        ControlPlane.OnTopologyChanged();
        await WaitUntilReplicatingAsync(followers, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    private protected override async Task<LocalMariaDbNode> MostAdvancedReaderAsync(CancellationToken cancellationToken)
    {
        LocalMariaDbNode? best = null;
        long bestSequence = -1;
        foreach (var reader in Nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
        {
            var sequence = await reader.GtidSequenceAsync(cancellationToken).ConfigureAwait(false);
            if (sequence > bestSequence)
            {
                (best, bestSequence) = (reader, sequence);
            }
        }

        return best ?? throw new InvalidOperationException($"No running reader to promote: {this}.");
    }

    /// <inheritdoc/>
    /// <remarks>SIGKILL: the data is thrown away with the cluster, so a clean shutdown would only cost time.</remarks>
    private protected override Task StopServerForGoodAsync(LocalMariaDbNode node) => node.KillServerAsync(CancellationToken.None);
}
