using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>Aurora PostgreSQL: topology from <c>aurora_replica_status()</c>, instance id from <c>aurora_db_instance_identifier()</c>.</summary>
internal sealed class AuroraPostgresDialect : AuroraDialect
{
    /// <summary>The topology query. Rows older than 300 s are left out unless they are the writer's or have no update time.</summary>
    public const string Sql =
        """
        SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,
               CPU, COALESCE(REPLICA_LAG_IN_MSEC, 0), LAST_UPDATE_TIMESTAMP
        FROM pg_catalog.aurora_replica_status()
        WHERE EXTRACT(EPOCH FROM (NOW() - LAST_UPDATE_TIMESTAMP)) <= 300
           OR SESSION_ID = 'MASTER_SESSION_ID' OR LAST_UPDATE_TIMESTAMP IS NULL
        """;

    /// <summary>The connected node's instance id.</summary>
    public const string InstanceIdSql = "SELECT pg_catalog.aurora_db_instance_identifier()";

    /// <summary>The connected node's role: <see langword="true"/> for a reader.</summary>
    public const string IsReaderSql = "SELECT pg_catalog.pg_is_in_recovery()";

    /// <summary>Returns the connected node's id when the topology names it as the writer, no row otherwise.</summary>
    public const string IsWriterSql =
        "SELECT SERVER_ID FROM pg_catalog.aurora_replica_status() WHERE SESSION_ID = 'MASTER_SESSION_ID' AND SERVER_ID = pg_catalog.aurora_db_instance_identifier()";

    private const string ExtensionsSql = "SELECT pg_catalog.current_setting('rds.extensions', true)";
    private const string ReplicaStatusAnswersSql = "SELECT COUNT(*) FROM pg_catalog.aurora_replica_status()";

    /// <summary>The shared instance; the dialect holds no state.</summary>
    public static AuroraPostgresDialect Instance { get; } = new();

    private AuroraPostgresDialect()
        : base(Sql, InstanceIdSql, IsReaderSql)
    {
    }

    /// <inheritdoc/>
    public override string Name => "aurora-postgresql";

    /// <inheritdoc/>
    public override async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var extensions = DbValueConversions.ToNullableString(
                await DbQueries.ScalarAsync(connection, ExtensionsSql, cancellationToken).ConfigureAwait(false));
            if (extensions is null || !extensions.Contains("aurora_stat_utils", StringComparison.Ordinal))
            {
                return false;
            }

            await DbQueries.ScalarAsync(connection, ReplicaStatusAnswersSql, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }
}
