using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using MySqlConnector;

namespace Aurora.Reactive.MySqlConnector;

/// <summary>
/// The generic MySQL factory's per-host connections (one MySqlConnector pool per host and port), with the pool of a
/// node cleared through <see cref="MySqlConnection.ClearPoolAsync(MySqlConnection, CancellationToken)"/>.
/// </summary>
/// <remarks>With a password provider, each connection it creates asks it through <see cref="MySqlConnection.ProvidePasswordCallback"/>.</remarks>
internal sealed class MySqlConnectorHostConnectionFactory(IHostConnectionFactory inner, Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider = null)
    : IHostConnectionFactory
{
    public HostSpec InitialHost => inner.InitialHost;

    public string Database => inner.Database;

    public string DisplayConnectionString => inner.DisplayConnectionString;

    public DbConnection CreateConnection(HostSpec host)
    {
        var connection = inner.CreateConnection(host);
        if (passwordProvider is { } provider)
        {
            // MySqlConnector's callback is synchronous; it runs when a new physical connection authenticates.
            ((MySqlConnection)connection).ProvidePasswordCallback = _ => provider(host, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return connection;
    }

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
