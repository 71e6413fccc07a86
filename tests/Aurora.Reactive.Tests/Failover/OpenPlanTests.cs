using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Failover;

public sealed class OpenPlanTests
{
    private static readonly HostSpec W = new("w", 5432, "w", HostRole.Writer);
    private static readonly HostSpec R1 = new("r1", 5432, "r1", HostRole.Reader);
    private static readonly HostSpec R2 = new("r2", 5432, "r2", HostRole.Reader);
    private static readonly TopologySnapshot Cluster = new(W, [R1, R2], DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<string?>? Ids(TopologySnapshot? snapshot, OpenTarget target, int spread = 0, FailoverMode mode = FailoverMode.StrictWriter, params HostSpec[] dead) =>
        OpenPlan.Candidates(snapshot, target, mode, host => dead.Any(d => d.Node == host.Node), spread)?.Select(h => h.InstanceId).ToList();

    [Fact]
    public void Candidates_WriterTarget_IsTheTopologysWriterOnly() =>
        Assert.Equal(["w"], Ids(Cluster, OpenTarget.Writer));

    [Fact]
    public void Candidates_ReaderTarget_RotatesAcrossReadersAndFallsBackToTheWriter()
    {
        Assert.Equal(["r1", "r2", "w"], Ids(Cluster, OpenTarget.Reader, spread: 0, mode: FailoverMode.ReaderOrWriter));
        Assert.Equal(["r2", "r1", "w"], Ids(Cluster, OpenTarget.Reader, spread: 1, mode: FailoverMode.ReaderOrWriter));
        Assert.Equal(["r1", "r2", "w"], Ids(Cluster, OpenTarget.Reader, spread: 2, mode: FailoverMode.ReaderOrWriter));
    }

    [Fact]
    public void Candidates_StrictReader_NeverFallsBackToTheWriter() =>
        Assert.Equal(["r2", "r1"], Ids(Cluster, OpenTarget.Reader, spread: 1, mode: FailoverMode.StrictReader));

    [Fact]
    public void Candidates_UnknownTopologyOrEndpointTarget_TellNothing()
    {
        Assert.Null(Ids(null, OpenTarget.Writer));
        Assert.Null(Ids(null, OpenTarget.Reader));
        Assert.Null(Ids(Cluster, OpenTarget.Endpoint));
        Assert.Null(Ids(new TopologySnapshot(null, [], DateTimeOffset.UnixEpoch), OpenTarget.Writer));
    }

    [Fact]
    public void Candidates_DeadNodes_AreNeverChosen()
    {
        Assert.Equal(["r2", "w"], Ids(Cluster, OpenTarget.Reader, spread: 0, mode: FailoverMode.ReaderOrWriter, dead: R1));
        Assert.Empty(Ids(Cluster, OpenTarget.Writer, dead: W)!);
        Assert.Equal(["r1", "r2"], Ids(Cluster, OpenTarget.Reader, spread: 0, mode: FailoverMode.ReaderOrWriter, dead: W));
    }

    [Fact]
    public void StillFits_NewWriterElsewhere_GivesUpTheOldWriterButNotAReaderStillListed()
    {
        var promoted = new TopologySnapshot(R1 with { Role = HostRole.Writer }, [W with { Role = HostRole.Reader }, R2], DateTimeOffset.UnixEpoch);

        Assert.False(OpenPlan.StillFits(promoted, W));
        Assert.True(OpenPlan.StillFits(promoted, R2));
        Assert.False(OpenPlan.StillFits(promoted, R1));
        Assert.True(OpenPlan.StillFits(Cluster, W));
    }
}
