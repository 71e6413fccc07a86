namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The statements the EFM suite runs.</summary>
public static class EfmSql
{
    /// <summary>Far longer than any wait in the suite: only a fault or a detector ends it.</summary>
    public const string LongQuery = "SELECT pg_sleep(600)";

    public const string TerminateOtherClients =
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    /// <summary>The MySQL long query, as long as the PostgreSQL one.</summary>
    public const string MySqlLongQuery = "SELECT SLEEP(600)";
}
