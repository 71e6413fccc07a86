using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Drivers;

/// <summary>
/// Creates physical driver connections to any node of one cluster, all with the settings of one base
/// connection string (user, database, timeouts, TLS) and the node's host and port. Owned by the data
/// source that created it; the failover coordinator uses the same factory so that its connections
/// come from the same pools.
/// </summary>
public interface IHostConnectionFactory : IAsyncDisposable, IDisposable
{
    /// <summary>The node the base connection string names (the first host when it names several); its role is not known.</summary>
    HostSpec InitialHost { get; }

    /// <summary>The database the connections open, or an empty string when the driver's default applies.</summary>
    string Database { get; }

    /// <summary>The base connection string without password, for display.</summary>
    string DisplayConnectionString { get; }

    /// <summary>Creates a closed physical connection to <paramref name="host"/>.</summary>
    /// <param name="host">The node to connect to; only its host and port are used.</param>
    /// <returns>A new, closed driver connection; the caller opens and disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The factory was disposed.</exception>
    DbConnection CreateConnection(HostSpec host);

    /// <summary>
    /// Closes the idle pooled connections to <paramref name="host"/>, so that the pool does not hand out a connection to a
    /// node that is gone, restarted or no longer has the role it had (called after a writer change for the old writer, and
    /// after a failover attempt on a node failed). Connections in use are not affected. Never throws for a node that
    /// cannot be reached.
    /// </summary>
    /// <param name="host">The node whose pool to clear; only its host and port are used.</param>
    /// <param name="cancellationToken">Cancels the clearing.</param>
    /// <returns>A task that completes when the idle connections are closed.</returns>
    /// <value>The default implementation does nothing (a driver without per-host pools).</value>
    ValueTask ClearPoolAsync(HostSpec host, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
