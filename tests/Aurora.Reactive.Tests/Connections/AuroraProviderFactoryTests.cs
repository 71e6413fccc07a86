using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraProviderFactoryTests
{
    private static readonly AuroraProviderFactory Factory = AuroraProviderFactory.For(NpgsqlDriver.Instance);

    [Fact]
    public void For_SameDriver_SameInstance() => Assert.Same(Factory, AuroraProviderFactory.For(NpgsqlDriver.Instance));

    [Fact]
    public void Create_GivesAuroraObjectsAndDriverParameters()
    {
        Assert.IsType<AuroraConnection>(Factory.CreateConnection());
        Assert.IsType<AuroraCommand>(Factory.CreateCommand());
        Assert.IsType<NpgsqlParameter>(Factory.CreateParameter());
        Assert.IsType<AuroraBatch>(Factory.CreateBatch());
        Assert.IsType<AuroraBatchCommand>(Factory.CreateBatchCommand());
        Assert.IsType<AuroraDataAdapter>(Factory.CreateDataAdapter());
        Assert.IsType<AuroraCommandBuilder>(Factory.CreateCommandBuilder());
    }

    [Fact]
    public void ConnectionStringBuilder_AcceptsOurKeys()
    {
        var builder = Factory.CreateConnectionStringBuilder();

        builder.ConnectionString = "Host=h;failover_timeout_sec=60";

        Assert.Equal("60", builder["failover_timeout_sec"]);
    }

    [Fact]
    public void CommandBuilder_QuotesAsTheDriver()
    {
        using var builder = Factory.CreateCommandBuilder()!;
        using var driver = new NpgsqlCommandBuilder();

        Assert.Equal(driver.QuoteIdentifier("odd \"name\""), builder.QuoteIdentifier("odd \"name\""));
        Assert.Equal("odd \"name\"", builder.UnquoteIdentifier(builder.QuoteIdentifier("odd \"name\"")));
    }

    [Fact]
    public void Connection_ProviderFactory_IsTheDriversAuroraFactory()
    {
        using var connection = new AuroraConnection(NpgsqlDriver.Instance);

        Assert.Same(Factory, DbProviderFactories.GetFactory(connection));
        Assert.True(connection.CanCreateBatch);
    }

    [Fact]
    public void DriverWithoutProviderFactory_HasNoBatchesBuildersOrAdapters()
    {
        var factory = AuroraProviderFactory.For(new Fakes.FakeDriver());

        Assert.False(factory.CanCreateBatch);
        Assert.False(factory.CanCreateDataAdapter);
        Assert.Null(factory.CreateCommandBuilder());
        Assert.Throws<NotSupportedException>(() => factory.CreateBatch());
    }
}
