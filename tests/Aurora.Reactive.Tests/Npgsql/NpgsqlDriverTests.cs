using System.Data;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Npgsql;
using Npgsql;

namespace Aurora.Reactive.Tests.Npgsql;

public sealed class NpgsqlDriverTests
{
    private const string ConnectionString = "Host=writer.example.com,reader.example.com;Port=5433;Username=app;Password=s3cret-value;Database=shop";

    [Fact]
    public void CreateConnectionFactory_ConnectionString_TakesTheFirstHostAndHidesThePassword()
    {
        using var factory = NpgsqlDriver.Instance.CreateConnectionFactory(ConnectionString);

        Assert.Equal(new HostSpec("writer.example.com", 5433), factory.InitialHost);
        Assert.Equal("shop", factory.Database);
        Assert.DoesNotContain("s3cret-value", factory.DisplayConnectionString, StringComparison.Ordinal);
        Assert.Contains("writer.example.com", factory.DisplayConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateConnection_OtherHost_PointsAtThatHostWithTheBaseSettings()
    {
        using var factory = NpgsqlDriver.Instance.CreateConnectionFactory(ConnectionString);

        using var connection = (NpgsqlConnection)factory.CreateConnection(new HostSpec("node-2.example.com", 6000, "node-2", HostRole.Writer));

        var settings = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("node-2.example.com", settings.Host);
        Assert.Equal(6000, settings.Port);
        Assert.Equal("shop", settings.Database);
        Assert.Equal("app", settings.Username);
    }

    [Fact]
    public void CreateConnection_SameEndpointInAnyCase_SharesOnePoolPerHost()
    {
        using var factory = (NpgsqlHostConnectionFactory)NpgsqlDriver.Instance.CreateConnectionFactory(ConnectionString);

        using var a = factory.CreateConnection(new HostSpec("node-2.example.com", 5433));
        using var b = factory.CreateConnection(new HostSpec("NODE-2.example.com", 5433, "node-2", HostRole.Reader));
        using var initial = factory.CreateConnection(new HostSpec("writer.example.com", 5433));

        Assert.Equal(2, factory.PoolCount);
    }

    [Fact]
    public void CreateConnection_AfterDispose_ThrowsObjectDisposed()
    {
        var factory = NpgsqlDriver.Instance.CreateConnectionFactory(ConnectionString);
        factory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => factory.CreateConnection(factory.InitialHost));
    }

    [Fact]
    public void CreateConnectionFactory_UnknownKeyword_ThrowsWithoutThePassword()
    {
        var error = Assert.Throws<ArgumentException>(() => NpgsqlDriver.Instance.CreateConnectionFactory("Host=h;Password=s3cret-value;failover_mode=strict_writer"));

        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
        Assert.Contains("failover_mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateConnectionFactory_NoHost_ThrowsSayingSo()
    {
        var error = Assert.Throws<ArgumentException>(() => NpgsqlDriver.Instance.CreateConnectionFactory("Username=app"));

        Assert.Contains("Host", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IsolationLevel.Serializable, "SERIALIZABLE")]
    [InlineData(IsolationLevel.RepeatableRead, "REPEATABLE READ")]
    [InlineData(IsolationLevel.ReadCommitted, "READ COMMITTED")]
    public void GetIsolationLevelSql_Level_NamesThePostgresLevel(IsolationLevel level, string expected) =>
        Assert.EndsWith(expected, NpgsqlDriver.Instance.GetIsolationLevelSql(level), StringComparison.Ordinal);

    [Fact]
    public void GetIsolationLevelSql_Chaos_ThrowsNamingTheLevel()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NpgsqlDriver.Instance.GetIsolationLevelSql(IsolationLevel.Chaos));

        Assert.Contains("Chaos", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetReadOnlySql_ReadOnly_SetsTheSessionCharacteristics() =>
        Assert.Equal("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", NpgsqlDriver.Instance.GetReadOnlySql(true));

    [Fact]
    public void CreateParameter_IsAnNpgsqlParameter() =>
        Assert.IsType<NpgsqlParameter>(NpgsqlDriver.Instance.CreateParameter());
}
