using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>A failover in which every node refuses the connection itself (the database is gone): it fails on the refusal, not at its timeout.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class RefusedFailoverTests(ITestOutputHelper output)
{
    private const string Database = "refused_app";

    [Fact]
    public async Task DatabaseDroppedUnderAHeldConnection_FailoverFailedWithTheDriversInvalidCatalogName()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await using (var admin = new NpgsqlConnection(cluster.Writer.ConnectionString))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {Database}");
        }

        await WaitUntilReplicatedAsync(cluster.Readers[0]);
        await using var kit = KitDataSource.Over(
            cluster, entry: c => new NpgsqlConnectionStringBuilder(c.Writer.ConnectionString) { Database = Database }.ConnectionString);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        Assert.Equal(cluster.Writer.InstanceId, await KitDataSource.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        await using (var admin = new NpgsqlConnection(cluster.Writer.ConnectionString))
        {
            // FORCE ends the held session (57P01), which starts the failover; every node then answers 3D000.
            await admin.ExecuteAsync($"DROP DATABASE {Database} WITH (FORCE)");
        }

        var error = await Assert.ThrowsAsync<FailoverFailedException>(() => KitDataSource.InstanceIdAsync(connection));
        output.WriteLine($"database dropped -> FailoverFailedException {clock.ElapsedMilliseconds} ms (failover_timeout_sec=60): {error.Message}");
        output.WriteLine(kit.Trace);

        var refusal = Assert.IsType<PostgresException>(error.LastAttemptError);
        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, refusal.SqlState);
        Assert.Equal(FailoverFailedException.Code, error.SqlState);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("within 60 s", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilReplicatedAsync(LocalPostgresNode reader)
    {
        var builder = new NpgsqlConnectionStringBuilder(reader.ConnectionString) { Database = Database, Pooling = false };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var probe = new NpgsqlConnection(builder.ConnectionString);
                await probe.OpenAsync();
                return;
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InvalidCatalogName && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }
}
