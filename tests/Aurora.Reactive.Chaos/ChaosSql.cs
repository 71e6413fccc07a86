namespace Aurora.Reactive.Chaos;

/// <summary>The run's table and statements. The table has no key on <c>id</c>, so a write applied twice shows as two rows.</summary>
public static class ChaosSql
{
    public const string CreateTable = "CREATE TABLE chaos_writes (id bigint NOT NULL, writer text NOT NULL, written_at timestamptz NOT NULL DEFAULT now())";

    /// <summary>One write, returning the instance that ran it.</summary>
    public const string Insert = "INSERT INTO chaos_writes (id, writer) VALUES (@id, @writer) RETURNING pg_catalog.aurora_db_instance_identifier()";

    public const string CountById = "SELECT id, count(*) FROM chaos_writes GROUP BY id";
}
