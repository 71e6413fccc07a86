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

    /// <summary>The connected node's instance id.</summary>
    public const string InstanceIdSql = "SELECT @@aurora_server_id";

    /// <summary>The connected node's role: 1 for a reader.</summary>
    public const string IsReaderSql = "SELECT @@innodb_read_only";

    /// <summary>Answers one row on Aurora MySQL, none elsewhere.</summary>
    public const string DetectionSql = "SHOW VARIABLES LIKE 'aurora_version'";

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
            await using var command = connection.CreateCommand();
            command.CommandText = DetectionSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return false;
        }
    }
}
