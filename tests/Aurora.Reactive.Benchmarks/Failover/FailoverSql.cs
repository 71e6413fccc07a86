namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>The statements the failover suite runs.</summary>
public static class FailoverSql
{
    public const string CreateTable = "CREATE TABLE IF NOT EXISTS bench_failover (id bigserial PRIMARY KEY, client text NOT NULL, written_at timestamptz NOT NULL DEFAULT now())";

    /// <summary>One write that also names the node that committed it, so a write still landing on the old writer is not counted.</summary>
    public const string Write = "INSERT INTO bench_failover (client) VALUES (@client) RETURNING pg_catalog.aurora_db_instance_identifier()";

    public const string MySqlCreateTable = "CREATE TABLE IF NOT EXISTS bench_failover (id BIGINT AUTO_INCREMENT PRIMARY KEY, client VARCHAR(64) NOT NULL, written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))";

    /// <summary>The MySQL write: the insert and the instance id (the kit's <c>@@report_host</c>) of the node that ran it, in one batch on one connection.</summary>
    public const string MySqlWrite = "INSERT INTO bench_failover (client) VALUES (@client); SELECT CAST(@@report_host AS CHAR)";
}
