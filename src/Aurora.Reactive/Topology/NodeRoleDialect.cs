using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// A self-managed replication flavour without a topology query (plain PostgreSQL streaming replication,
/// MySQL or MariaDB replication): the topology monitor asks every configured node (its seed hosts, plus any
/// node a previous snapshot named) its role with <see cref="ReaderQuery"/> and builds the snapshot from the
/// answers: one writable node is the writer, several make the writer unknown (split brain). A node's instance
/// id is its <c>host:port</c>.
/// </summary>
internal abstract class NodeRoleDialect : IClusterDialect
{
    /// <summary>Creates the dialect.</summary>
    /// <param name="name">The flavour's short name.</param>
    /// <param name="readerQuery">The query whose single value is true (or non-zero) on a read-only node.</param>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    protected NodeRoleDialect(string name, string readerQuery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(readerQuery);
        Name = name;
        ReaderQuery = readerQuery;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The query that asks a node whether it is a reader.</summary>
    public string ReaderQuery { get; }

    /// <inheritdoc/>
    /// <value>Always <see langword="null"/>: roles come from asking each node.</value>
    public string? TopologyQuery => null;

    /// <inheritdoc/>
    public TopologyRow ReadTopologyRow(IDataRecord record) =>
        throw new NotSupportedException($"The {Name} dialect has no topology query; ask each node its role instead.");

    /// <inheritdoc/>
    public Task<TopologyReadResult> ReadTopologyAsync(
        DbConnection connection, HostSpec connectedHost, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Name} dialect has no topology query; ask each node its role instead.");

    /// <inheritdoc/>
    /// <remarks>The instance id is the node's <see cref="HostSpec.Endpoint"/>; nothing is asked of the server.</remarks>
    public Task<string> GetInstanceIdAsync(DbConnection connection, HostSpec connectedHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectedHost);
        return Task.FromResult(connectedHost.Endpoint);
    }

    /// <inheritdoc/>
    public async Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return DbValueConversions.ToBoolean(await ScalarAsync(connection, ReaderQuery, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            return await RecognizesAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Runs a query on an open connection and returns its first value (<see langword="null"/> for none or NULL).</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The query.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The first column of the first row, or <see langword="null"/>.</returns>
    protected static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var value = await DbQueries.ScalarAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Whether the connected server is of this flavour; a <see cref="DbException"/> counts as no.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns><see langword="true"/> when the server is of this flavour.</returns>
    protected abstract Task<bool> RecognizesAsync(DbConnection connection, CancellationToken cancellationToken);
}
