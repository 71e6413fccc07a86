namespace Aurora.Reactive.IntegrationTests.LocalCluster;

/// <summary>Aurora PostgreSQL's SQL exactly as design/REFERENCE.md gives it; the kit must answer it unchanged.</summary>
internal static class ReferenceSql
{
    internal const string Topology = """
        SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,
               CPU, COALESCE(REPLICA_LAG_IN_MSEC, 0), LAST_UPDATE_TIMESTAMP
        FROM pg_catalog.aurora_replica_status()
        WHERE EXTRACT(EPOCH FROM (NOW() - LAST_UPDATE_TIMESTAMP)) <= 300
           OR SESSION_ID = 'MASTER_SESSION_ID' OR LAST_UPDATE_TIMESTAMP IS NULL
        """;

    internal const string InstanceId = "SELECT pg_catalog.aurora_db_instance_identifier()";

    internal const string IsInRecovery = "SELECT pg_catalog.pg_is_in_recovery()";

    internal const string IsWriter =
        "SELECT SERVER_ID FROM pg_catalog.aurora_replica_status() WHERE SESSION_ID = 'MASTER_SESSION_ID' AND SERVER_ID = pg_catalog.aurora_db_instance_identifier()";
}
