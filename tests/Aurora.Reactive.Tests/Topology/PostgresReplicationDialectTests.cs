using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class PostgresReplicationDialectTests
{
    [Fact]
    public void TopologyQuery_IsNone()
    {
        Assert.Null(PostgresReplicationDialect.Instance.TopologyQuery);
        Assert.Equal("SELECT pg_catalog.pg_is_in_recovery()", PostgresReplicationDialect.IsReaderSql);
    }

    [Fact]
    public async Task ReadTopologyAsync_Always_ThrowsNotSupportedNamingTheDialect()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            PostgresReplicationDialect.Instance.ReadTopologyAsync(null!, new HostSpec("h", 5432), id => new HostSpec(id, 1), DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains("postgresql-replication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstanceIdAsync_IsTheHostAndPort()
    {
        var id = await PostgresReplicationDialect.Instance.GetInstanceIdAsync(null!, new HostSpec("127.0.0.1", 6543), CancellationToken.None);

        Assert.Equal("127.0.0.1:6543", id);
    }
}
