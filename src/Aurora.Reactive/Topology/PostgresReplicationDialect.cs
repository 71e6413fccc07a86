using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Plain PostgreSQL streaming replication (self-managed primary and hot standbys). There is no topology
/// query: the topology monitor asks every configured node (its seed hosts, plus any node a previous
/// snapshot named) <c>pg_is_in_recovery()</c> and builds the snapshot from the answers: one node out of
/// recovery is the writer, several make the writer unknown (split brain). A node's instance id is its
/// <c>host:port</c>.
/// </summary>
public sealed class PostgresReplicationDialect : IClusterDialect
{
    /// <summary>The connected node's role: <see langword="true"/> for a standby.</summary>
    public const string IsReaderSql = "SELECT pg_catalog.pg_is_in_recovery()";

    private const string VersionSql = "SELECT pg_catalog.version()";

    /// <summary>The shared instance; the dialect holds no state.</summary>
    public static PostgresReplicationDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "postgresql-replication";

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
        return DbValueConversions.ToBoolean(await DbQueries.ScalarAsync(connection, IsReaderSql, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    /// <remarks>Any PostgreSQL server answers <c>version()</c> and <c>pg_is_in_recovery()</c>; check Aurora first when both may apply.</remarks>
    public async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var version = DbValueConversions.ToNullableString(await DbQueries.ScalarAsync(connection, VersionSql, cancellationToken).ConfigureAwait(false));
            if (version is null || !version.StartsWith("PostgreSQL", StringComparison.Ordinal))
            {
                return false;
            }

            await DbQueries.ScalarAsync(connection, IsReaderSql, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }
}
