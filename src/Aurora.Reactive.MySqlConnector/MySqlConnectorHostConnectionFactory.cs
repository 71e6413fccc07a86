using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using MySqlConnector;

namespace Aurora.Reactive.MySqlConnector;

/// <summary>
/// The generic MySQL factory's per-host connections (one MySqlConnector pool per host and port), with the pool of a
/// node cleared through <see cref="MySqlConnection.ClearPoolAsync(MySqlConnection, CancellationToken)"/>.
/// </summary>
internal sealed class MySqlConnectorHostConnectionFactory(IHostConnectionFactory inner) : IHostConnectionFactory
{
    public HostSpec InitialHost => inner.InitialHost;

    public string Database => inner.Database;

    public string DisplayConnectionString => inner.DisplayConnectionString;

    public DbConnection CreateConnection(HostSpec host) => inner.CreateConnection(host);

    public async ValueTask ClearPoolAsync(HostSpec host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);

        // A connection string names its pool: a closed connection to the node is enough to reach it.
        await using var connection = (MySqlConnection)inner.CreateConnection(host);
        await MySqlConnection.ClearPoolAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
