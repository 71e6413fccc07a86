using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>A failover that finds no writer, and session state carried over.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class FailoverOutcomeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WriterCrashesAndNothingIsPromoted_FailoverFailedAtTheTimeout_NoConnectionLeftOnTheCluster()
    {
        var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, "failover_timeout_sec=3;Timeout=2");
        await using var cluster = kit.Cluster;
        var connection = await kit.DataSource.OpenConnectionAsync();
        var survivor = kit.Cluster.Readers[0];

        var clock = Stopwatch.StartNew();
        await kit.Cluster.CrashAsync(kit.Cluster.Writer);
        var error = await Assert.ThrowsAsync<FailoverFailedException>(() => KitDataSource.InstanceIdAsync(connection));
        output.WriteLine($"no writer, failover_timeout_sec=3: fault -> FailoverFailedException {clock.ElapsedMilliseconds} ms ({error.Message})");
        Assert.False(error.IsConnectionUsable);

        await connection.DisposeAsync();
        await kit.DataSource.DisposeAsync();
        var left = -1L;
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(10) && left != 0)
        {
            await using var admin = new NpgsqlConnection(survivor.ConnectionString);
            left = await admin.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", new { name = KitDataSource.ApplicationName });
            if (left != 0)
            {
                await Task.Delay(100);
            }
        }

        output.WriteLine($"connections of the test left on the surviving node {wait.ElapsedMilliseconds} ms after dispose: {left}");
        Assert.Equal(0L, left);
    }

    [Fact]
    public async Task KeepSessionState_ReadOnlySessionFailsOver_StaysReadOnlyOnTheNewWriter()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2 }, "keep_session_state_on_failover=true");
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        await connection.SetReadOnlyAsync(true);
        Assert.Equal("on", await connection.ExecuteScalarAsync<string>("SHOW transaction_read_only"));

        var clock = Stopwatch.StartNew();
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Crash);
        await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);
        output.WriteLine($"read-only session kept: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

        Assert.Equal((await failover).InstanceId, instance);
        Assert.Equal("on", await connection.ExecuteScalarAsync<string>("SHOW transaction_read_only"));
    }
}
