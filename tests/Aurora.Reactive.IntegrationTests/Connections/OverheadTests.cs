using System.Data.Common;
using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Npgsql;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// Prints what AuroraConnection costs over plain pooled Npgsql for <c>SELECT 1</c>, on the server's own
/// port (no forwarder): medians over interleaved batches, and bytes allocated per operation. Numbers only;
/// a shared machine makes wall-clock limits meaningless, so nothing here is asserted against time.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class OverheadTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private const int Batch = 300;
    private const int Rounds = 15;

    [Fact]
    public async Task SelectOne_PlainNpgsqlVersusAurora_PrintsMediansAndAllocations()
    {
        var connectionString = fixture.Cluster.Writer.ServerConnectionString;
        await using var plain = NpgsqlDataSource.Create(connectionString);
        await using var passThrough = AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance, AuroraConnectionSettings.Default);
        await using var failoverOn = AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance, new AuroraConnectionSettings { FailoverHandler = new NodeFailoverHandler() });
        var sources = new (string Name, DbDataSource Source)[] { ("plain Npgsql", plain), ("Aurora pass-through", passThrough), ("Aurora failover on", failoverOn) };
        var openRuns = sources.Select(_ => new List<double>()).ToArray();
        var commandRuns = sources.Select(_ => new List<double>()).ToArray();
        foreach (var (_, source) in sources)
        {
            await OpenQueryCloseAsync(source, Batch);
            await QueryOnOpenConnectionAsync(source, Batch);
        }

        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < sources.Length; k++)
            {
                var which = (k + round) % sources.Length;
                openRuns[which].Add(await OpenQueryCloseAsync(sources[which].Source, Batch));
                commandRuns[which].Add(await QueryOnOpenConnectionAsync(sources[which].Source, Batch));
            }
        }

        for (var i = 0; i < sources.Length; i++)
        {
            var bytes = await BytesPerOperationAsync(sources[i].Source);
            output.WriteLine(
                $"{sources[i].Name,-20}: open+SELECT 1+close median {Median(openRuns[i]):0.0} us, {bytes} B/op; " +
                $"SELECT 1 on an open connection median {Median(commandRuns[i]):0.0} us");
            Assert.True(bytes > 0);
        }
    }

    private static async Task<double> OpenQueryCloseAsync(DbDataSource source, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync();
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }

    private static async Task<double> QueryOnOpenConnectionAsync(DbDataSource source, int count)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await command.ExecuteScalarAsync();
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }

    private static async Task<long> BytesPerOperationAsync(DbDataSource source)
    {
        await OpenQueryCloseAsync(source, 10);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await OpenQueryCloseAsync(source, Batch);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / Batch;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
