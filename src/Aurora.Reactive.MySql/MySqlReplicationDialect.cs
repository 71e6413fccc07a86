using System.Data;
using System.Data.Common;
using System.Globalization;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.MySql;

/// <summary>
/// Plain MySQL or MariaDB replication (a self-managed primary and read-only replicas). There is no topology
/// query: the topology monitor asks every configured node (its seed hosts, plus any node a previous snapshot
/// named) <c>@@read_only</c> and builds the snapshot from the answers: the one writable node is the writer.
/// A node's instance id is its <c>host:port</c>. Replicas must run with <c>read_only=ON</c>, as a promotion
/// tool (or the kit) sets it.
/// </summary>
/// <remarks>Variables are cast: MySql.Data cannot read MariaDB's <c>@@</c> values as they come.</remarks>
public sealed class MySqlReplicationDialect : IClusterDialect
{
    /// <summary>The connected node's role: 1 for a read-only replica.</summary>
    public const string IsReaderSql = "SELECT CAST(@@read_only AS SIGNED)";

    /// <summary>Answers the server version on MySQL and MariaDB; PostgreSQL refuses the <c>@@</c> syntax.</summary>
    public const string DetectionSql = "SELECT CAST(@@version AS CHAR)";

    /// <summary>The shared instance; the dialect holds no state.</summary>
    public static MySqlReplicationDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "mysql-replication";

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
    /// <exception cref="FormatException">The server answered something that is not a number.</exception>
    public async Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var value = await ScalarAsync(connection, IsReaderSql, cancellationToken).ConfigureAwait(false);
        return value switch
        {
            null or DBNull => throw new FormatException($"'{IsReaderSql}' returned no value."),
            string text => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) != 0,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    /// <inheritdoc/>
    /// <remarks>Any MySQL or MariaDB server answers; check Aurora MySQL first when both may apply.</remarks>
    public async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            return await ScalarAsync(connection, DetectionSql, cancellationToken).ConfigureAwait(false) is string { Length: > 0 };
        }
        catch (DbException)
        {
            return false;
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
