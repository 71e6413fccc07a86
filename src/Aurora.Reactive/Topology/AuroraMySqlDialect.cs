using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>Aurora MySQL: topology from <c>information_schema.replica_host_status</c>, instance id from <c>@@aurora_server_id</c>.</summary>
public sealed class AuroraMySqlDialect : IClusterDialect
{
    /// <summary>The topology query. Rows older than 300 s are left out unless they are the writer's.</summary>
    public const string Sql =
        """
        SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,
               CPU, REPLICA_LAG_IN_MILLISECONDS, LAST_UPDATE_TIMESTAMP
        FROM information_schema.replica_host_status
        WHERE time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP)) <= 300 OR SESSION_ID = 'MASTER_SESSION_ID'
        """;

    /// <summary>
    /// The connected node's instance id. Cast, because a text <c>@@</c> variable comes back in the server's
    /// <c>utf8mb3</c> system character set, which older MySql.Data versions cannot read.
    /// </summary>
    public const string InstanceIdSql = "SELECT CAST(@@aurora_server_id AS CHAR)";

    /// <summary>The connected node's role: 1 for a reader.</summary>
    public const string IsReaderSql = "SELECT @@innodb_read_only";

    /// <summary>
    /// Answers Aurora MySQL's version on Aurora MySQL and fails (unknown system variable) elsewhere. It asks the
    /// variable <c>SHOW VARIABLES LIKE 'aurora_version'</c> lists, directly: MySql.Data cannot read the
    /// <c>utf8mb3</c> columns of <c>SHOW VARIABLES</c> against MariaDB or MySQL 8.0.30+, and that failure breaks
    /// the connection, so the next dialect tried on it would fail too. An unknown variable is an ordinary error.
    /// </summary>
    public const string DetectionSql = "SELECT CAST(@@aurora_version AS CHAR)";

    /// <summary>The shared instance; the dialect holds no state.</summary>
    public static AuroraMySqlDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "aurora-mysql";

    /// <inheritdoc/>
    public string? TopologyQuery => Sql;

    /// <inheritdoc/>
    /// <remarks>MySQL returns the CASE as an integer and the timestamp without a zone (taken as UTC).</remarks>
    public TopologyRow ReadTopologyRow(IDataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new TopologyRow(
            DbValueConversions.ToNullableString(record.GetValue(0)),
            DbValueConversions.ToBoolean(record.GetValue(1)),
            DbValueConversions.ToNullableDouble(record.GetValue(2)),
            DbValueConversions.ToNullableDouble(record.GetValue(3)),
            DbValueConversions.ToNullableTimestamp(record.GetValue(4)));
    }

    /// <inheritdoc/>
    public async Task<TopologyReadResult> ReadTopologyAsync(
        DbConnection connection, HostSpec connectedHost, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await DbQueries.RowsAsync(connection, Sql, ReadTopologyRow, cancellationToken).ConfigureAwait(false);
        return TopologyRowReader.Read(rows, resolveHost, readAt, connectedHost);
    }

    /// <inheritdoc/>
    public async Task<string> GetInstanceIdAsync(DbConnection connection, HostSpec connectedHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var id = DbValueConversions.ToNullableString(await DbQueries.ScalarAsync(connection, InstanceIdSql, cancellationToken).ConfigureAwait(false));
        return string.IsNullOrWhiteSpace(id)
            ? throw new InvalidOperationException($"The node {connectedHost?.Endpoint} returned no Aurora server id.")
            : id;
    }

    /// <inheritdoc/>
    public async Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return DbValueConversions.ToBoolean(await DbQueries.ScalarAsync(connection, IsReaderSql, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var version = DbValueConversions.ToNullableString(await DbQueries.ScalarAsync(connection, DetectionSql, cancellationToken).ConfigureAwait(false));
            return !string.IsNullOrWhiteSpace(version);
        }
        catch (DbException)
        {
            return false;
        }
    }
}
