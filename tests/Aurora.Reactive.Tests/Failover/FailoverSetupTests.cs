using Aurora.Reactive.Failover;
using Aurora.Reactive.Options;
using Aurora.Reactive.Topology;

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
        Assert.Equal(["instance-1", "instance-3"], seeds.Skip(1).Select(s => s.InstanceId));
    }

    [Fact]
    public void SeedHosts_HostPatternOnly_IsTheConnectionStringHosts()
    {
        var parsed = AuroraConnectionString.Parse($"{Writer};cluster_instance_host_pattern=?.example.internal");

        Assert.Equal(["127.0.0.1:40001"], FailoverSetup.SeedHosts(parsed).Select(s => s.Endpoint));
    }
}
