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
}
