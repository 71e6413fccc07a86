using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraDataSourceBuilderTests
{
    private const string Cluster =
        "Host=127.0.0.1;Port=40201;Username=app;Password=builder-secret;cluster_instance_endpoints=instance-1=127.0.0.1:40201,instance-2=127.0.0.1:40202";

    [Fact]
    public void Constructor_NullArguments_NameTheParameter()
    {
        Assert.Equal("connectionString", Assert.Throws<ArgumentNullException>(() => new AuroraDataSourceBuilder(null!, new FakeDriver())).ParamName);
        Assert.Equal("driver", Assert.Throws<ArgumentNullException>(() => new AuroraDataSourceBuilder(Cluster, null!)).ParamName);
    }

    [Fact]
    public void UseMethods_NullArguments_NameTheParameter()
    {
        var builder = new AuroraDataSourceBuilder(Cluster, new FakeDriver());

        Assert.Equal("scheduler", Assert.Throws<ArgumentNullException>(() => builder.UseScheduler(null!)).ParamName);
        Assert.Equal("loggerFactory", Assert.Throws<ArgumentNullException>(() => builder.UseLoggerFactory(null!)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => builder.UseFailoverPolicy(null!)).ParamName);
        Assert.Equal("statements", Assert.Throws<ArgumentNullException>(() => builder.UseSessionSetup((IEnumerable<string>)null!)).ParamName);
    }

    [Fact]
    public void UseSessionSetup_BlankStatement_NamesItsIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuroraDataSourceBuilder(Cluster, new FakeDriver()).UseSessionSetup("SET TIME ZONE 'UTC'", "  "));

        Assert.Equal("statements", error.ParamName);
        Assert.Contains("[1]", error.Message);
    }

    [Fact]
    public void Build_InvalidOption_NamesTheKeyAndTheValueButNotThePassword()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuroraDataSourceBuilder(Cluster + ";failover_mode=sideways", new FakeDriver()).Build());

        Assert.Contains("failover_mode", error.Message);
        Assert.Contains("sideways", error.Message);
        Assert.DoesNotContain("builder-secret", error.Message);
    }

    [Fact]
    public void Build_SessionSetup_ReachesTheConnectionSettings()
    {
        using var dataSource = new AuroraDataSourceBuilder(Cluster, new FakeDriver()).UseSessionSetup("SET TIME ZONE 'UTC'", "SET search_path TO app").Build();

        Assert.Equal(["SET TIME ZONE 'UTC'", "SET search_path TO app"], dataSource.Settings.SessionSetupStatements);
    }

    [Fact]
    public void Build_WithAScheduler_TheDataSourceItsMonitoringSettingsAndTheTopologyMonitorRunOnIt()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceBy(TimeSpan.FromDays(1));
        using var dataSource = new AuroraDataSourceBuilder(Cluster, new FakeDriver()).UseScheduler(scheduler).Build();
        var coordinator = Assert.IsType<FailoverCoordinator>(dataSource.Settings.FailoverHandler);
        var events = new List<TopologyMonitorEvent>();
        using var log = coordinator.TopologyEvents.Subscribe(events.Add);

        Assert.Equal(scheduler.Now, dataSource.Clock.GetUtcNow());
        Assert.Same(scheduler, dataSource.Settings.HostMonitoring?.Scheduler);
        Assert.Empty(events); // nothing runs until the virtual clock moves
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10));

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.InRange(e.Time, scheduler.Now - TimeSpan.FromSeconds(10), scheduler.Now));
        Assert.Equal(scheduler.Now, dataSource.Clock.GetUtcNow());
    }

    [Fact]
    public void Build_FailoverOff_NoCoordinator()
    {
        using var dataSource = new AuroraDataSourceBuilder(Cluster + ";enable_failover=false", new FakeDriver()).Build();

        Assert.Null(dataSource.Settings.FailoverHandler);
    }

    [Fact]
    public void Create_IsTheBuilderWithItsDefaults()
    {
        using var created = AuroraDataSource.Create(Cluster, new FakeDriver());
        using var built = new AuroraDataSourceBuilder(Cluster, new FakeDriver()).Build();

        Assert.Equal(built.ConnectionString, created.ConnectionString);
        Assert.IsType<FailoverCoordinator>(created.Settings.FailoverHandler);
        Assert.Same(AuroraDataSourceBuilder.DefaultClock, created.Clock.Scheduler);
    }

    [Fact]
    public void UsePasswordProvider_PasswordAlsoInTheConnectionString_BuildNamesTheConflictWithoutThePassword()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new AuroraDataSourceBuilder(Cluster, Aurora.Reactive.Npgsql.NpgsqlDriver.Instance).UsePasswordProvider((_, _) => ValueTask.FromResult("token")).Build());

        Assert.Contains("Password", error.Message);
        Assert.DoesNotContain("builder-secret", error.Message);
    }

    [Fact]
    public void UsePasswordProvider_DriverWithoutOne_BuildSaysWhichDriver()
    {
        var driver = new FakeDriver();
        var error = Assert.Throws<NotSupportedException>(() =>
            new AuroraDataSourceBuilder(Cluster.Replace(";Password=builder-secret", string.Empty, StringComparison.Ordinal), driver)
                .UsePasswordProvider((_, _) => ValueTask.FromResult("token"))
                .Build());

        Assert.Contains("Fake", error.Message);
    }

    [Fact]
    public void UsePasswordProvider_Null_NamesTheParameter() =>
        Assert.Equal("passwordProvider", Assert.Throws<ArgumentNullException>(() => new AuroraDataSourceBuilder(Cluster, new FakeDriver()).UsePasswordProvider(null!)).ParamName);
}
