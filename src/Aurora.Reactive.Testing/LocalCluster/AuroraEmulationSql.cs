namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// The SQL functions that make a PostgreSQL server answer Aurora's topology queries. They are created
/// once in the template (in <c>template1</c> and <c>postgres</c>), so every node and every database made
/// later has them. The topology function runs as its owner (the superuser) so any user may call it.
/// </summary>
internal static class AuroraEmulationSql
{
    /// <summary>Creates <c>pg_catalog.aurora_db_instance_identifier()</c> and <c>pg_catalog.aurora_replica_status()</c>.</summary>
    internal const string CreateFunctions = """
        CREATE OR REPLACE FUNCTION pg_catalog.aurora_db_instance_identifier() RETURNS text
        LANGUAGE sql STABLE AS $$ SELECT pg_catalog.current_setting('aurora.instance_id', true) $$;

        CREATE OR REPLACE FUNCTION pg_catalog.aurora_replica_status()
        RETURNS TABLE (
            server_id text, session_id text, durable_lsn bigint, highest_lsn_rcvd bigint, current_read_lsn bigint,
            cur_replay_latency_in_usec bigint, active_txns text, is_current boolean, last_transport_error integer,
            last_error_timestamp timestamp with time zone, last_update_timestamp timestamp with time zone,
            feedback_xmin bigint, feedback_epoch integer, replica_lag_in_msec real,
            log_stream_speed_in_kib_per_second real, log_buffer_sequence_number bigint,
            oldest_read_view_trx_id bigint, oldest_read_view_lsn bigint, pending_read_ios integer,
            read_ios bigint, iops integer, cpu real)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT r.server_id, r.session_id, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text,
                   r.server_id = current_setting('aurora.instance_id', true), 0, NULL::timestamptz,
                   CASE WHEN r.live THEN now() ELSE r.last_update_timestamp END,
                   NULL::bigint, NULL::integer, r.replica_lag_in_msec, 0::real, NULL::bigint, NULL::bigint,
                   NULL::bigint, 0, 0::bigint, 0, r.cpu
            FROM json_to_recordset(COALESCE(
                     pg_read_file(current_setting('data_directory') || '/aurora_replica_status.json', 0, 1048576, true),
                     '[]')::json)
                 AS r(server_id text, session_id text, cpu real, replica_lag_in_msec real,
                      last_update_timestamp timestamptz, live boolean)
        $$;
        """;
}
