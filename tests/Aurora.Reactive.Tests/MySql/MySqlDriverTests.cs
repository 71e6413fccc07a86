using System.Data;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.MySql;
using Aurora.Reactive.Topology;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.Tests.MySql;

public sealed class MySqlDriverTests
{
    private const string ConnectionString = "Server=writer.example.com,reader.example.com;Port=3307;User ID=app;Password=s3cret-value;Database=shop;CharacterSet=utf8mb4";

    private static readonly MySqlDriver Driver = MySqlDriver.Create(cs => new MySqlConnection(cs), "MySql.Data");

    [Fact]
    public void DefaultPort_IsMySqlsPort() => Assert.Equal(3306, Driver.DefaultPort);

    [Fact]
    public void BlocksInAsyncCalls_MySqlData_IsTrue() => Assert.True(Driver.BlocksInAsyncCalls);

    [Fact]
    public void BlocksInAsyncCalls_AnotherProvider_IsFalse() =>
        Assert.False(MySqlDriver.Create(cs => new global::Npgsql.NpgsqlConnection(cs), "another provider").BlocksInAsyncCalls);

    [Fact]
    public void BlocksInAsyncCalls_GivenExplicitly_OverridesTheDetection() =>
        Assert.False(MySqlDriver.Create(cs => new MySqlConnection(cs), "MySql.Data", blocksInAsyncCalls: false).BlocksInAsyncCalls);

    [Fact]
    public void CreateConnectionFactory_ConnectionString_TakesTheFirstHostAndHidesThePassword()
    {
        using var factory = Driver.CreateConnectionFactory(ConnectionString);

        Assert.Equal(new HostSpec("writer.example.com", 3307), factory.InitialHost);
        Assert.Equal("shop", factory.Database);
        Assert.DoesNotContain("s3cret-value", factory.DisplayConnectionString, StringComparison.Ordinal);
        Assert.Contains("writer.example.com", factory.DisplayConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateConnection_OtherHost_IsTheProvidersConnectionToThatHostWithTheBaseSettings()
    {
        using var factory = Driver.CreateConnectionFactory(ConnectionString);

        using var connection = Assert.IsType<MySqlConnection>(factory.CreateConnection(new HostSpec("node-2.example.com", 6000, "node-2", HostRole.Writer)));

        var settings = new MySqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("node-2.example.com", settings.Server);
        Assert.Equal(6000u, settings.Port);
        Assert.Equal("shop", settings.Database);
        Assert.Equal("app", settings.UserID);
        Assert.Equal("s3cret-value", settings.Password);
    }

    [Fact]
    public void CreateConnectionFactory_HostSynonymWithoutPort_UsesTheDefaultPort()
    {
        using var factory = Driver.CreateConnectionFactory("Host=db.local;Uid=app");

        Assert.Equal(new HostSpec("db.local", 3306), factory.InitialHost);
        Assert.Equal(string.Empty, factory.Database);
    }

    [Fact]
    public void CreateConnectionFactory_BadPort_ThrowsNamingTheValueButNotThePassword()
    {
        var error = Assert.Throws<ArgumentException>(() => Driver.CreateConnectionFactory("Server=db;Port=70000;Password=s3cret-value"));

        Assert.Contains("'70000'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateConnectionFactory_NoServer_ThrowsSayingSo() =>
        Assert.Contains("names no Server", Assert.Throws<ArgumentException>(() => Driver.CreateConnectionFactory("User ID=app")).Message, StringComparison.Ordinal);

    [Fact]
    public void CreateConnection_AfterDispose_ThrowsObjectDisposed()
    {
        var factory = Driver.CreateConnectionFactory(ConnectionString);
        factory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => factory.CreateConnection(factory.InitialHost));
    }

    [Fact]
    public void Driver_ProviderTypesAndStatements_ComeFromTheFactoryAndMySql()
    {
        Assert.IsType<MySqlParameter>(Driver.CreateParameter());
        Assert.Same(MySqlErrorClassifier.Instance, Driver.ErrorClassifier);
        Assert.Equal("MySql.Data", Driver.DisplayName);
        Assert.Equal("SET SESSION TRANSACTION READ ONLY", Driver.GetReadOnlySql(true));
        Assert.Equal("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE", Driver.GetIsolationLevelSql(IsolationLevel.Serializable));
    }

    [Fact]
    public void Create_NullFactory_ThrowsNamingIt() =>
        Assert.Equal("createConnection", Assert.Throws<ArgumentNullException>(() => MySqlDriver.Create(null!)).ParamName);

    [Theory]
    [InlineData("Server=127.0.0.1:33061,127.0.0.1:33062;Port=3306", "127.0.0.1", 33061)]
    [InlineData("Server=[::1]:33070", "::1", 33070)]
    [InlineData("Server=::1;Port=3310", "::1", 3310)]
    public void CreateConnectionFactory_HostWithItsOwnPort_UsesIt(string connectionString, string host, int port)
    {
        using var factory = Driver.CreateConnectionFactory(connectionString);

        Assert.Equal(new HostSpec(host, port), factory.InitialHost);
    }

    [Fact]
    public void Driver_Dialects_AreTheMySqlOnes()
    {
        Assert.Same(AuroraMySqlDialect.Instance, Driver.AuroraDialect);
        Assert.Same(MySqlReplicationDialect.Instance, Driver.ReplicationDialect);
    }
}
