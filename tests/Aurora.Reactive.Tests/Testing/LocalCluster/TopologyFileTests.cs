using System.Text.Json;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class TopologyFileTests
{
    [Fact]
    public void Format_WriterAndStaleReader_WritesTheColumnsTheSqlFunctionReads()
    {
        var stamp = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(2));
        var json = TopologyFile.Format(
        [
            new AuroraReplicaStatusRow("instance-1", isWriter: true),
            new AuroraReplicaStatusRow("instance-2", isWriter: false) { IsLive = false, LastUpdateTimestamp = stamp, ReplicaLagInMilliseconds = 12.5, Cpu = 3 },
        ]);

        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("instance-1", rows[0].GetProperty("server_id").GetString());
        Assert.Equal("MASTER_SESSION_ID", rows[0].GetProperty("session_id").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("replica_lag_in_msec").ValueKind);
        Assert.True(rows[0].GetProperty("live").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("last_update_timestamp").ValueKind);
        Assert.False(rows[1].GetProperty("live").GetBoolean());
        Assert.Equal("2026-11-22T08:00:00.000000Z", rows[1].GetProperty("last_update_timestamp").GetString());
        Assert.Equal(12.5, rows[1].GetProperty("replica_lag_in_msec").GetDouble());
        Assert.Equal(3, rows[1].GetProperty("cpu").GetDouble());
    }

    [Fact]
    public void Format_NoRows_WritesAnEmptyArray()
    {
        Assert.Equal("[]", TopologyFile.Format([]));
    }
}
