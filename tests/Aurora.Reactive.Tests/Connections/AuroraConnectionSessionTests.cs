using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionSessionTests
{
    private static FakeCluster Cluster(bool keepState) => new(configure: s => new AuroraConnectionSettings
    {
        FailoverHandler = s.FailoverHandler,
        InitialHostRole = s.InitialHostRole,
        KeepSessionStateOnFailover = keepState,
        SessionSetupStatements = new[] { "SET search_path TO app" },
    });

    private static async Task FailOverAsync(FakeCluster cluster, AuroraConnection connection)
    {
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task OpenAndFailover_SessionSetupStatements_RunOnEveryNewPhysicalConnection()
    {
        await using var cluster = Cluster(keepState: false);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var first = cluster.PhysicalOf(connection);
        await connection.AddSessionStatementAsync("SET TIME ZONE 'UTC'");

        await FailOverAsync(cluster, connection);

        Assert.Equal(new[] { "SET search_path TO app", "SET TIME ZONE 'UTC'" }, first.Executed);
        Assert.Equal(new[] { "SET search_path TO app", "SET TIME ZONE 'UTC'" }, cluster.PhysicalOf(connection).Executed);
        Assert.Equal("fakedb", connection.Database);
    }

    [Fact]
    public async Task Failover_KeepSessionState_AppliesReadOnlyAgain()
    {
        await using var cluster = Cluster(keepState: true);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await connection.SetReadOnlyAsync(true);

        await FailOverAsync(cluster, connection);

        Assert.Contains("SET READ ONLY", cluster.PhysicalOf(connection).Executed);
        Assert.True(connection.IsReadOnly);
        Assert.True(Assert.Single(cluster.Handler!.Requests).IsReadOnly);
    }

    [Fact]
    public async Task Failover_WithoutKeepSessionState_DropsReadOnly()
    {
        await using var cluster = Cluster(keepState: false);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await connection.SetReadOnlyAsync(true);

        await FailOverAsync(cluster, connection);

        Assert.DoesNotContain("SET READ ONLY", cluster.PhysicalOf(connection).Executed);
        Assert.Null(connection.IsReadOnly);
    }

    [Fact]
    public async Task Close_RegisteredStatements_AreForgottenForTheNextOpen()
    {
        await using var cluster = Cluster(keepState: false);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await connection.AddSessionStatementAsync("SET TIME ZONE 'UTC'");
        await connection.CloseAsync();

        await connection.OpenAsync();

        Assert.Equal(new[] { "SET search_path TO app" }, cluster.PhysicalOf(connection).Executed);
    }
}
