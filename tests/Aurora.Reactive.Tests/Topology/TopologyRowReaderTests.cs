using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyRowReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static HostSpec Resolve(string id) =>
        id.Contains('_', StringComparison.Ordinal)
            ? throw new ArgumentException($"Instance id '{id}' is not a valid DNS label.", nameof(id))
            : new HostSpec($"{id}.example.test", 5432);

    private static TopologyRow Row(string? id, bool writer, double ageSeconds = 1, double lag = 0) =>
        new(id, writer, 12.5, lag, Now.AddSeconds(-ageSeconds));

    [Fact]
    public void Read_OneWriterTwoReaders_MapsRolesHostsAndMetrics()
    {
        var result = TopologyRowReader.Read([Row("a", true), Row("b", false, lag: 250), Row("c", false)], Resolve, Now);

        Assert.Equal("a", result.Snapshot.Writer!.InstanceId);
        Assert.Equal("a.example.test", result.Snapshot.Writer.Host);
        Assert.Equal(HostRole.Writer, result.Snapshot.Writer.Role);
        Assert.Equal(["b", "c"], result.Snapshot.Readers.Select(r => r.InstanceId));
        Assert.All(result.Snapshot.Readers, r => Assert.Equal(HostRole.Reader, r.Role));
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.Snapshot.Readers[0].ReplicaLag);
        Assert.Equal(12.5, result.Snapshot.Readers[0].CpuPercent);
        Assert.Equal(Now.AddSeconds(-1), result.Snapshot.Writer.LastUpdate);
        Assert.Empty(result.RejectedRows);
    }

    [Fact]
    public void Read_TwoWriterRows_NewestWinsAndOlderIsDroppedAndReported()
    {
        var result = TopologyRowReader.Read([Row("old", true, ageSeconds: 20), Row("new", true, ageSeconds: 2), Row("r", false)], Resolve, Now);

        Assert.Equal("new", result.Snapshot.Writer!.InstanceId);
        Assert.Equal(["r"], result.Snapshot.Readers.Select(r => r.InstanceId));
        var rejected = Assert.Single(result.RejectedRows);
        Assert.Equal("old", rejected.Row.InstanceId);
        Assert.Contains("also claims to be the writer", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoWriterRowsNewestFirst_NewestStillWins()
    {
        var result = TopologyRowReader.Read([Row("new", true, ageSeconds: 2), Row("old", true, ageSeconds: 20)], Resolve, Now);

        Assert.Equal("new", result.Snapshot.Writer!.InstanceId);
        Assert.Equal("old", Assert.Single(result.RejectedRows).Row.InstanceId);
    }

    [Fact]
    public void Read_NoWriterRow_GivesWriterUnknownWithReaders()
    {
        var result = TopologyRowReader.Read([Row("b", false), Row("c", false)], Resolve, Now);

        Assert.False(result.Snapshot.IsWriterKnown);
        Assert.Null(result.Snapshot.Writer);
        Assert.Equal(2, result.Snapshot.Readers.Count);
    }

    [Fact]
    public void Read_ReaderOlderThan300Seconds_IsDroppedAsStale()
    {
        var result = TopologyRowReader.Read([Row("a", true), Row("fresh", false, ageSeconds: 300), Row("stale", false, ageSeconds: 300.001)], Resolve, Now);

        Assert.Equal(["fresh"], result.Snapshot.Readers.Select(r => r.InstanceId));
        var rejected = Assert.Single(result.RejectedRows);
        Assert.Equal("stale", rejected.Row.InstanceId);
        Assert.Contains("stale", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StaleWriterRowAndRowWithoutUpdateTime_AreKept()
    {
        var result = TopologyRowReader.Read([Row("a", true, ageSeconds: 3600), new TopologyRow("b", false, null, null, null)], Resolve, Now);

        Assert.Equal("a", result.Snapshot.Writer!.InstanceId);
        Assert.Equal("b", Assert.Single(result.Snapshot.Readers).InstanceId);
        Assert.Null(result.Snapshot.Readers[0].ReplicaLag);
        Assert.Empty(result.RejectedRows);
    }

    [Fact]
    public void Read_IdRefusedByResolver_RowSkippedAndReportedOthersKept()
    {
        var result = TopologyRowReader.Read([Row("a", true), Row("bad_id", false), Row("c", false)], Resolve, Now);

        Assert.Equal(["c"], result.Snapshot.Readers.Select(r => r.InstanceId));
        var rejected = Assert.Single(result.RejectedRows);
        Assert.Equal("bad_id", rejected.Row.InstanceId);
        Assert.Contains("not a valid DNS label", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WriterIdRefused_WriterUnknownNotAnotherRowPromoted()
    {
        var result = TopologyRowReader.Read([Row("bad_writer", true), Row("c", false)], Resolve, Now);

        Assert.Null(result.Snapshot.Writer);
        Assert.Equal(["c"], result.Snapshot.Readers.Select(r => r.InstanceId));
    }

    [Fact]
    public void Read_MissingIdAndDuplicateReader_AreRejected()
    {
        var result = TopologyRowReader.Read([Row("a", true), Row(null, false), Row("b", false), Row("b", false), Row("a", false)], Resolve, Now);

        Assert.Equal(["b"], result.Snapshot.Readers.Select(r => r.InstanceId));
        Assert.Equal(3, result.RejectedRows.Count);
    }

    [Fact]
    public void Read_ResolverReturnsHostWithoutId_SnapshotCarriesTheRowId()
    {
        var result = TopologyRowReader.Read([Row("a", true)], id => new HostSpec("10.0.0.1", 6000), Now, new HostSpec("seed", 5432));

        Assert.Equal("a", result.Snapshot.Writer!.InstanceId);
        Assert.Equal(6000, result.Snapshot.Writer.Port);
        Assert.Equal("seed", result.Snapshot.ReadFrom!.Host);
        Assert.Equal(Now, result.Snapshot.ReadAt);
    }
}
