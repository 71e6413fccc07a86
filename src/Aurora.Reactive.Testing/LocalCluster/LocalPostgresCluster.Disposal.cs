namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Stopping a server for good.</content>
public sealed partial class LocalPostgresCluster
{
    /// <inheritdoc/>
    /// <remarks>An immediate shutdown (<c>pg_ctl stop -m immediate</c>).</remarks>
    private protected override Task StopServerForGoodAsync(LocalPostgresNode node) => node.StopServerAsync("immediate", CancellationToken.None);
}
