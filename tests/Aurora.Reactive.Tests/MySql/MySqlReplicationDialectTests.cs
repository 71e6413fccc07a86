using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.MySql;

public sealed class MySqlReplicationDialectTests
{
    private readonly MySqlReplicationDialect dialect = MySqlReplicationDialect.Instance;

    [Fact]
    public void Sql_CastsTheVariablesForMySqlDataAgainstMariaDb()
    {
        Assert.Equal("SELECT CAST(@@read_only AS SIGNED)", MySqlReplicationDialect.IsReaderSql);
        Assert.Equal("SELECT CAST(@@version AS CHAR)", MySqlReplicationDialect.DetectionSql);
        Assert.Equal("mysql-replication", dialect.Name);
        Assert.Null(dialect.TopologyQuery);
    }

    [Fact]
    public async Task GetInstanceIdAsync_IsTheNodeEndpoint() =>
        Assert.Equal("db-2.local:3307", await dialect.GetInstanceIdAsync(null!, new HostSpec("db-2.local", 3307), CancellationToken.None));

    [Fact]
    public void ReadTopologyRow_ThrowsNamingTheDialect() =>
        Assert.Contains("mysql-replication", Assert.Throws<NotSupportedException>(() => dialect.ReadTopologyRow(null!)).Message, StringComparison.Ordinal);
}
