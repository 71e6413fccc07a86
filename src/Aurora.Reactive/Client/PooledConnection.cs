using Aurora.Reactive.Connections;

namespace Aurora.Reactive.Client;

/// <summary>An open logical connection of the client, with the subscription that forwards its states.</summary>
/// <param name="Connection">The connection.</param>
/// <param name="States">Forwards the connection's states to the client's stream; disposed after the connection.</param>
internal sealed record PooledConnection(AuroraConnection Connection, IDisposable States)
{
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        States.Dispose();
    }
}
