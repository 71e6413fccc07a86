using Aurora.Reactive.Failover;
using Aurora.Reactive.MySql;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Topology;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.Tests.Failover;

public sealed class FailoverSetupTests
{
    private const string Writer = "Host=127.0.0.1;Port=40001;Username=app";

    private static string KeyOf(string connectionString) =>
        FailoverSetup.MonitorKey(AuroraConnectionString.Parse(connectionString), AuroraPostgresDialect.Instance);

    [Fact]
    public void MonitorKey_SameClusterDescription_IsShared() =>
        Assert.Equal(
            KeyOf($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002"),
            KeyOf($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002;failover_timeout_sec=60"));

    [Fact]
    public void MonitorKey_SameAddressButOtherInstances_IsNotShared() =>
        Assert.NotEqual(
            KeyOf($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002"),
            KeyOf($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40003"));

    [Fact]
    public void MonitorKey_OtherTopologyRefreshRate_IsNotShared() =>
        Assert.NotEqual(
            KeyOf($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001"),
            KeyOf($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001;topology_refresh_rate_ms=500"));

    [Fact]
    public void CreateCoordinator_WithAScheduler_TheSharedTopologyMonitorRunsOnIt()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceBy(TimeSpan.FromDays(1));
        var parsed = AuroraConnectionString.Parse($"Host=127.0.0.1;Port=40101;Username=app;cluster_instance_endpoints=instance-1=127.0.0.1:40101,instance-2=127.0.0.1:40102");
        using var coordinator = FailoverSetup.CreateCoordinator(parsed, new Connections.Fakes.FakeDriver(), scheduler: scheduler)!;
        // The fake driver's connections finish on pool threads, so events may arrive from there.
        var events = new System.Collections.Concurrent.ConcurrentQueue<TopologyMonitorEvent>();
        using var log = coordinator.TopologyEvents.Subscribe(events.Enqueue);

        Assert.Empty(events); // nothing runs until the virtual clock moves
        var before = scheduler.Now;
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10));

        var seen = events.ToArray();
        Assert.NotEmpty(seen);
        Assert.All(seen, e => Assert.InRange(e.Time, before, before + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void MonitorKey_OtherDialect_IsNotShared()
    {
        var parsed = AuroraConnectionString.Parse($"{Writer};cluster_instance_host_pattern=?.example.internal");
        Assert.NotEqual(
            FailoverSetup.MonitorKey(parsed, AuroraPostgresDialect.Instance),
            FailoverSetup.MonitorKey(parsed, PostgresReplicationDialect.Instance));
    }

    [Fact]
    public void SeedHosts_EntryNodeFirst_ThenEveryMappedInstanceOnce()
    {
        var parsed = AuroraConnectionString.Parse(
            "Host=127.0.0.1;Port=40002;Username=app;cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002,instance-3=127.0.0.1:40003");

        var seeds = FailoverSetup.SeedHosts(parsed);

        Assert.Equal(["127.0.0.1:40002", "127.0.0.1:40001", "127.0.0.1:40003"], seeds.Select(s => s.Endpoint));
        Assert.Equal(["instance-2", "instance-1", "instance-3"], seeds.Select(s => s.InstanceId));
    }

    [Fact]
    public void SeedHosts_EntryHostThatIsNoInstance_IsKeptFirstWithoutAnInstanceId()
    {
        var parsed = AuroraConnectionString.Parse(
            "Host=127.0.0.1;Port=40000;Username=app;cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002");

        var seeds = FailoverSetup.SeedHosts(parsed);

        Assert.Equal(["127.0.0.1:40000", "127.0.0.1:40001", "127.0.0.1:40002"], seeds.Select(s => s.Endpoint));
        Assert.Equal([null, "instance-1", "instance-2"], seeds.Select(s => s.InstanceId));
    }

    [Fact]
    public void SeedHosts_HostPatternOnly_IsTheConnectionStringHosts()
    {
        var parsed = AuroraConnectionString.Parse($"{Writer};cluster_instance_host_pattern=?.example.internal");

        Assert.Equal(["127.0.0.1:40001"], FailoverSetup.SeedHosts(parsed).Select(s => s.Endpoint));
    }

    private const string MySqlWriter = "Server=127.0.0.1;Port=40001;User ID=app";

    private static readonly MySqlDriver MySql = MySqlDriver.Create(cs => new MySqlConnection(cs), "MySql.Data");

    private static IClusterDialect Choose(string connectionString, Aurora.Reactive.Drivers.IDatabaseDriver driver) =>
        FailoverSetup.ChooseDialect(AuroraConnectionString.Parse(connectionString), driver);

    [Theory]
    [InlineData(MySqlWriter + ";cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002")]
    [InlineData(MySqlWriter + ";cluster_instance_host_pattern=?.example.internal")]
    public void ChooseDialect_MySqlWithInstanceNaming_LetsTheServerChooseBetweenAuroraAndReplication(string connectionString)
    {
        var dialect = Assert.IsType<DetectingClusterDialect>(Choose(connectionString, MySql));

        Assert.Equal([AuroraMySqlDialect.Instance, MySqlReplicationDialect.Instance], dialect.Candidates);
        Assert.Null(dialect.Detected);
        Assert.Null(dialect.TopologyQuery);
    }

    [Fact]
    public void ChooseDialect_MySqlHostListWithoutNaming_IsReplication() =>
        Assert.Same(MySqlReplicationDialect.Instance, Choose("Server=127.0.0.1:40001,127.0.0.1:40002;User ID=app", MySql));

    [Fact]
    public void ChooseDialect_TwoChoicesForOneCluster_ShareTheMonitorKey()
    {
        var parsed = AuroraConnectionString.Parse($"{MySqlWriter};cluster_instance_endpoints=instance-1=127.0.0.1:40001");

        Assert.Equal(
            FailoverSetup.MonitorKey(parsed, FailoverSetup.ChooseDialect(parsed, MySql)),
            FailoverSetup.MonitorKey(parsed, FailoverSetup.ChooseDialect(parsed, MySql)));
    }

    [Fact]
    public void ChooseDialect_NpgsqlWithInstanceNaming_StaysAuroraPostgres() =>
        Assert.Same(
            AuroraPostgresDialect.Instance,
            Choose($"{Writer};cluster_instance_endpoints=instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002", NpgsqlDriver.Instance));

    [Fact]
    public void ChooseDialect_NpgsqlHostList_IsPostgresReplication() =>
        Assert.Same(PostgresReplicationDialect.Instance, Choose("Host=127.0.0.1:40001,127.0.0.1:40002;Username=app", NpgsqlDriver.Instance));
}
