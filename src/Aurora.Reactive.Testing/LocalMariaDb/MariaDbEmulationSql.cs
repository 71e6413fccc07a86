namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// The SQL run once in the template: the client user, a database for tests, and the Aurora MySQL emulation:
/// <c>aurora_emulation.replica_host_status</c>, a view with the columns of Aurora's
/// <c>information_schema.replica_host_status</c> over the rows the control plane publishes into each node's
/// data folder (read with <c>LOAD_FILE</c> by a function that runs with its definer's rights).
/// </summary>
internal static class MariaDbEmulationSql
{
    /// <summary>The user clients connect as: every privilege except <c>READ_ONLY ADMIN</c>, so a reader refuses its writes with error 1290.</summary>
    internal const string ClientUser = "aurora";

    /// <summary>The database clients use by default.</summary>
    internal const string ClientDatabase = "app";

    /// <summary>The schema holding the emulated Aurora topology.</summary>
    internal const string EmulationSchema = "aurora_emulation";

    /// <summary>The setup statements, one per element.</summary>
    internal static readonly IReadOnlyList<string> Setup =
    [
        $"CREATE USER '{ClientUser}'@'%'",
        $"GRANT ALL PRIVILEGES ON *.* TO '{ClientUser}'@'%'",
        $"REVOKE READ_ONLY ADMIN ON *.* FROM '{ClientUser}'@'%'",
        $"CREATE DATABASE {ClientDatabase}",
        $"CREATE DATABASE {EmulationSchema}",
        $"""
        CREATE FUNCTION {EmulationSchema}.published_topology() RETURNS LONGTEXT CHARSET utf8mb4
        SQL SECURITY DEFINER NOT DETERMINISTIC READS SQL DATA
        RETURN COALESCE(CONVERT(LOAD_FILE(CONCAT(@@datadir, 'aurora_replica_status.json')) USING utf8mb4), '[]')
        """,
        $"""
        CREATE SQL SECURITY DEFINER VIEW {EmulationSchema}.replica_host_status AS
        SELECT r.server_id AS SERVER_ID, r.session_id AS SESSION_ID, r.cpu AS CPU,
               r.replica_lag_in_msec AS REPLICA_LAG_IN_MILLISECONDS,
               CASE WHEN r.live = 'true' THEN NOW(6)
                    ELSE STR_TO_DATE(r.last_update_timestamp, '%Y-%m-%dT%H:%i:%s.%fZ') END AS LAST_UPDATE_TIMESTAMP
        FROM JSON_TABLE({EmulationSchema}.published_topology(), '$[*]' COLUMNS (
            server_id VARCHAR(64) PATH '$.server_id',
            session_id VARCHAR(64) PATH '$.session_id',
            cpu DOUBLE PATH '$.cpu',
            replica_lag_in_msec DOUBLE PATH '$.replica_lag_in_msec',
            live VARCHAR(5) PATH '$.live',
            last_update_timestamp VARCHAR(40) PATH '$.last_update_timestamp')) AS r
        """,
    ];
}
