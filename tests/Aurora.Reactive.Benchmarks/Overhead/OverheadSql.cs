namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>The statements the overhead suite runs.</summary>
public static class OverheadSql
{
    public const string CreateTable = "CREATE TABLE IF NOT EXISTS bench_overhead (id bigserial PRIMARY KEY, label text NOT NULL, amount int NOT NULL)";

    public const string SelectOne = "SELECT 1";

    public const string Insert = "INSERT INTO bench_overhead (label, amount) VALUES (@label, @amount)";

    public const string Label = "order";
}
