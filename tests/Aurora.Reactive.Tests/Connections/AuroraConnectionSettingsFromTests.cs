using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Options;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionSettingsFromTests
{
    private const string Writer = "Host=shop.cluster-abc123.us-east-1.rds.amazonaws.com;Username=app";
    private const string Reader = "Host=shop.cluster-ro-abc123.us-east-1.rds.amazonaws.com;Username=app";

    private static readonly FakeFailoverHandler Handler = new(null);

    [Fact]
    public void From_WriterEndpointDefaults_StrictWriterWithHandlerOnABelievedWriter()
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer), Handler);

        Assert.Same(Handler, settings.FailoverHandler);
        Assert.True(settings.FailOverOnReadOnlyError);
        Assert.Equal(HostRole.Writer, settings.InitialHostRole);
        Assert.False(settings.KeepSessionStateOnFailover);
    }

    [Fact]
    public void From_ReaderEndpoint_NoReadOnlyRuleOnAReader()
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Reader), Handler);

        Assert.False(settings.FailOverOnReadOnlyError);
        Assert.Equal(HostRole.Reader, settings.InitialHostRole);
    }

    [Fact]
    public void From_EnableFailoverFalse_IsPassThrough()
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + ";enable_failover=false"), Handler);

        Assert.Null(settings.FailoverHandler);
    }

    [Fact]
    public void From_KeepSessionState_IsCarried()
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + ";keep_session_state_on_failover=true"), Handler);

        Assert.True(settings.KeepSessionStateOnFailover);
    }

    [Fact]
    public void From_SilentIdleMove_IsOffByDefaultAndCarriedWhenSet()
    {
        Assert.False(AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer), Handler).SilentIdleMove);
        Assert.True(AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + ";failover_silent_idle_move=true"), Handler).SilentIdleMove);
    }

    [Theory]
    [InlineData(Writer, "Writer")]
    [InlineData(Reader, "Reader")]
    [InlineData("Host=shop-1.abc123.us-east-1.rds.amazonaws.com", "Endpoint")]
    [InlineData("Host=db.example.com;failover_mode=strict_reader;cluster_instance_endpoints=a=10.0.0.1:5432", "Reader")]
    [InlineData("Host=db.example.com;failover_mode=reader_or_writer;cluster_instance_endpoints=a=10.0.0.1:5432", "Endpoint")]
    [InlineData("Host=127.0.0.1;Port=6000;cluster_instance_endpoints=a=127.0.0.1:6001", "Writer")]
    public void From_Endpoint_ChoosesWhereNewConnectionsOpen(string connectionString, string expected)
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(connectionString), Handler);

        Assert.Equal(Enum.Parse<Aurora.Reactive.Failover.OpenTarget>(expected), settings.OpenTarget);
    }

    [Fact]
    public void Create_ParsedConnectionString_GivesTheDriverOnlyItsOwnKeys()
    {
        var driver = new FakeDriver();

        using var dataSource = AuroraDataSource.Create(AuroraConnectionString.Parse("Host=n1;Port=5432;failover_mode=strict_writer;enable_failover=false"), driver, Handler);

        Assert.DoesNotContain("failover_mode", driver.Factory!.ReceivedConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Null(dataSource.Settings.FailoverHandler);
    }
}
