using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>Aurora MySQL: topology from <c>information_schema.replica_host_status</c>, instance id from <c>@@aurora_server_id</c>.</summary>
/// <remarks>
/// <see cref="Emulated"/> builds the same dialect over another table with Aurora's columns, so the row reading can be
/// tested against a server that only emulates Aurora (the MariaDB test kit's <c>aurora_emulation.replica_host_status</c>).
/// </remarks>
internal sealed class AuroraMySqlDialect : AuroraDialect
{
    /// <summary>Aurora MySQL's topology table.</summary>
    public const string TopologyTable = "information_schema.replica_host_status";

    /// <summary>The topology query. Rows older than 300 s are left out unless they are the writer's.</summary>
    public const string Sql =
        """
        SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,
               CPU, REPLICA_LAG_IN_MILLISECONDS, LAST_UPDATE_TIMESTAMP
        FROM information_schema.replica_host_status
        WHERE time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP)) <= 300 OR SESSION_ID = 'MASTER_SESSION_ID'
        """;

    private readonly string _detectionSql;

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
    public static AuroraMySqlDialect Instance { get; } = new("aurora-mysql", Sql, InstanceIdSql, IsReaderSql, DetectionSql);

    private AuroraMySqlDialect(string name, string topologySql, string instanceIdSql, string isReaderSql, string detectionSql)
        : base(topologySql, instanceIdSql, isReaderSql)
    {
        Name = name;
        _detectionSql = detectionSql;
    }

    /// <inheritdoc/>
    /// <value><c>aurora-mysql</c>; <c>aurora-mysql(</c>table<c>)</c> for an <see cref="Emulated"/> dialect.</value>
    public override string Name { get; }

    /// <summary>
    /// The Aurora MySQL dialect over an emulation of Aurora: the topology is read from <paramref name="topologyTable"/>
    /// (the columns of <see cref="TopologyTable"/>, with the same filter), the other questions are the given queries.
    /// Meant for test kits; a real Aurora cluster needs <see cref="Instance"/>.
    /// </summary>
    /// <param name="topologyTable">The schema-qualified table or view with Aurora's topology columns, such as <c>aurora_emulation.replica_host_status</c>.</param>
    /// <param name="instanceIdSql">The query answering the connected node's instance id (the ids the table lists).</param>
    /// <param name="isReaderSql">The query answering 1 (or true) on a reader.</param>
    /// <param name="detectionSql">A query that answers a non-empty value on the emulation and fails elsewhere (see <see cref="IClusterDialect.IsDialectAsync"/>).</param>
    /// <returns>A new dialect named <c>aurora-mysql(</c><paramref name="topologyTable"/><c>)</c>.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or <paramref name="topologyTable"/> is not a plain (optionally schema-qualified) name.</exception>
    public static AuroraMySqlDialect Emulated(string topologyTable, string instanceIdSql, string isReaderSql, string detectionSql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topologyTable);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceIdSql);
        ArgumentException.ThrowIfNullOrWhiteSpace(isReaderSql);
        ArgumentException.ThrowIfNullOrWhiteSpace(detectionSql);
        if (!topologyTable.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '$'))
        {
            throw new ArgumentException($"'{topologyTable}' is not a plain table name (letters, digits, _, $ and one schema dot).", nameof(topologyTable));
        }

        return new AuroraMySqlDialect(
            $"aurora-mysql({topologyTable})", Sql.Replace(TopologyTable, topologyTable, StringComparison.Ordinal), instanceIdSql, isReaderSql, detectionSql);
    }

    /// <inheritdoc/>
    public override async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var version = DbValueConversions.ToNullableString(await DbQueries.ScalarAsync(connection, _detectionSql, cancellationToken).ConfigureAwait(false));
            return !string.IsNullOrWhiteSpace(version);
        }
        catch (DbException)
        {
            return false;
        }
    }
}
