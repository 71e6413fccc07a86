using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// What a cluster flavour must answer: its topology (when it has a topology query), the connected
/// node's instance id and role, and whether a live connection belongs to this flavour. Implementations
/// use plain ADO.NET, so they work with any provider.
/// </summary>
/// <remarks>
/// Only <see cref="Name"/> is public: a driver returns one of the built-in dialects of <see cref="ClusterDialects"/>
/// (see <see cref="Drivers.IDatabaseDriver.AuroraDialect"/>); the questions a dialect answers are internal to
/// Aurora.Reactive, so a dialect cannot be written outside it.
/// </remarks>
public interface IClusterDialect
{
    /// <summary>A short name for messages, e.g. <c>aurora-postgresql</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The SQL that lists the cluster's nodes, or <see langword="null"/> when the flavour has none and the
    /// topology is built by asking each configured node its role.
    /// </summary>
    internal string? TopologyQuery { get; }

    /// <summary>Reads one row of <see cref="TopologyQuery"/> into plain values.</summary>
    /// <param name="record">The current row.</param>
    /// <returns>The row's values.</returns>
    /// <exception cref="NotSupportedException">The flavour has no topology query.</exception>
    internal TopologyRow ReadTopologyRow(IDataRecord record);

    /// <summary>Runs <see cref="TopologyQuery"/> on an open connection and builds the snapshot (see <see cref="TopologyRowReader"/>).</summary>
    /// <param name="connection">An open connection to one node of the cluster.</param>
    /// <param name="connectedHost">The node <paramref name="connection"/> is connected to.</param>
    /// <param name="resolveHost">Maps an instance id to the host to connect to; throws <see cref="ArgumentException"/> for a bad id.</param>
    /// <param name="readAt">The read time, reference for staleness.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The snapshot and the rows left out of it.</returns>
    /// <exception cref="NotSupportedException">The flavour has no topology query.</exception>
    internal Task<TopologyReadResult> ReadTopologyAsync(
        DbConnection connection, HostSpec connectedHost, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>Asks the connected node its instance id.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="connectedHost">The node <paramref name="connection"/> is connected to.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="InvalidOperationException">The node returned no instance id.</exception>
    internal Task<string> GetInstanceIdAsync(DbConnection connection, HostSpec connectedHost, CancellationToken cancellationToken);

    /// <summary>Asks the connected node whether it is a reader (read-only replica or standby).</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns><see langword="true"/> for a reader, <see langword="false"/> for the writer.</returns>
    internal Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether the live connection belongs to this flavour. Never throws for a server of another flavour.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns><see langword="true"/> when the server is of this flavour.</returns>
    internal Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken);
}
