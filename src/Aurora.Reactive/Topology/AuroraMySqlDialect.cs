using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>Aurora MySQL: topology from <c>information_schema.replica_host_status</c>, instance id from <c>@@aurora_server_id</c>.</summary>
public sealed class AuroraMySqlDialect : AuroraDialect
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

    private AuroraMySqlDialect()
        : base(Sql, InstanceIdSql, IsReaderSql)
    {
    }

    /// <inheritdoc/>
    public override string Name => "aurora-mysql";

    /// <inheritdoc/>
    public override async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
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
