using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class AuroraReplicaStatusRowTests
{
    [Fact]
    public void New_Reader_HasAStableUuidSessionIdAndZeroLag()
    {
        var first = new AuroraReplicaStatusRow("instance-2", isWriter: false);
        var again = new AuroraReplicaStatusRow("instance-2", isWriter: false);
        var other = new AuroraReplicaStatusRow("instance-3", isWriter: false);

        Assert.True(Guid.TryParse(first.SessionId, out _));
        Assert.Equal(first.SessionId, again.SessionId);
        Assert.NotEqual(first.SessionId, other.SessionId);
        Assert.Equal(0, first.ReplicaLagInMilliseconds);
        Assert.True(first.IsLive);
    }

    [Fact]
    public void New_Writer_HasTheMasterSessionIdAndNoLag()
    {
        var writer = new AuroraReplicaStatusRow("instance-1", isWriter: true);

        Assert.Equal("MASTER_SESSION_ID", writer.SessionId);
        Assert.Null(writer.ReplicaLagInMilliseconds);
    }

    [Fact]
    public void New_EmptyServerId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AuroraReplicaStatusRow(" ", isWriter: false));
    }
}
