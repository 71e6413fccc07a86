using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Failover;

public sealed class DbFailoverConnectorTests
{
    private static readonly HostSpec Writer = new("instance-1.example", 5432, "instance-1", HostRole.Writer);

    [Fact]
    public void TryStartOpen_PoolAnswersAtOnce_HandsTheOpenConnectionOfThatNodeOverWithNoTask()
    {
        using var connections = new FakeConnectionFactory("Host=cluster.example;Port=5432");
        var connector = new DbFailoverConnector(connections, AuroraPostgresDialect.Instance);

        var pending = connector.TryStartOpen(Writer, out var opened);

        Assert.Null(pending);
        var connection = Assert.IsType<FakeDbConnection>(opened);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.Equal(Writer, connection.Host);
        Assert.Empty(connection.Executed); // no role query: the topology named the role
    }

    [Fact]
    public void TryStartOpen_NodeRefuses_FaultedWithTheDriversErrorAndTheConnectionDisposed()
    {
        using var connections = new FakeConnectionFactory("Host=cluster.example;Port=5432");
        var refused = new IOException("connection refused");
        connections.Kill(Writer, refused);
        var connector = new DbFailoverConnector(connections, AuroraPostgresDialect.Instance);

        var opening = connector.TryStartOpen(Writer, out var opened)!;

        Assert.Null(opened);
        Assert.True(opening.IsFaulted);
        Assert.Same(refused, opening.Exception!.GetBaseException());
        Assert.True(Assert.Single(connections.Created).IsDisposed);
    }
}
