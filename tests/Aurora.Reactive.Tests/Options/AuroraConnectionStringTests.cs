using System.Data.Common;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class AuroraConnectionStringTests
{
    private const string ClusterHost = "orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com";
    private const string ReaderHost = "orders.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com";

    private static DbConnectionStringBuilder Builder(string connectionString) => new() { ConnectionString = connectionString };

    [Fact]
    public void Parse_NoOptionsOfOurs_GivesSeedDefaults()
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};Username=app");

        Assert.Equal(new AuroraOptions { InstanceHostPattern = parsed.Options.InstanceHostPattern }.ToString(), parsed.Options.ToString());
    }

    [Fact]
    public void Parse_OurKeys_AreReadAndStrippedFromTheDriverString()
    {
        var parsed = AuroraConnectionString.Parse(
            $"Host={ClusterHost};Database=orders;failover_mode=strict_reader;failover_timeout_sec=60;"
            + "failure_detection_time_ms=6000;failure_detection_interval_ms=1000;failure_detection_count=1;plugins=failover");

        Assert.Equal(FailoverMode.StrictReader, parsed.Options.FailoverMode);
        Assert.Equal(TimeSpan.FromSeconds(60), parsed.Options.FailoverTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(6000), parsed.Options.FailureDetectionTime);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), parsed.Options.FailureDetectionInterval);
        Assert.Equal(1, parsed.Options.FailureDetectionCount);
        Assert.Equal([AuroraPlugin.Failover], parsed.Options.Plugins);
        var driver = Builder(parsed.DriverConnectionString);
        Assert.Equal(["host", "database"], driver.Keys.Cast<string>());
        Assert.Equal("orders", driver["database"]);
    }

    [Theory]
    [InlineData("failover_mode")]
    [InlineData("Failover Mode")]
    [InlineData("FAILOVER_MODE")]
    [InlineData("FailoverMode")]
    [InlineData("failover-mode")]
    public void Parse_KeySpellings_AreOneKey(string key)
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};{key}=reader_or_writer");

        Assert.Equal(FailoverMode.ReaderOrWriter, parsed.Options.FailoverMode);
        Assert.DoesNotContain("failover", parsed.DriverConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_EveryKeyInDotNetSpelling_IsRead()
    {
        var parsed = AuroraConnectionString.Parse(
            "Host=db.example.com;Plugins=failover;Enable Failover=true;Cluster Instance Host Pattern=?.example.com:6000;"
            + "Cluster Instance Endpoints=n1=10.0.0.1:5433;Cluster Id=orders;Failover Cluster Topology Refresh Rate Sec=3;"
            + "Failover Reader Connect Timeout Sec=4;Failover Timeout Sec=5;Failover Writer Reconnect Interval Sec=6;"
            + "Keep Session State On Failover=true;Failure Detection Enabled=false;Failure Detection Time Ms=7;"
            + "Failure Detection Interval Ms=8;Failure Detection Count=9;Monitor Disposal Time Ms=10;Topology Refresh Rate Ms=11;"
            + "Topology Fast Refresh Rate Ms=12;Topology Fast Refresh Duration Ms=13;Topology Monitor Disposal Time Ms=14");

        var o = parsed.Options;
        Assert.Equal("?.example.com:6000", o.InstanceHostPattern!.Text);
        Assert.Equal("n1=10.0.0.1:5433", o.InstanceEndpoints!.Text);
        Assert.Equal("orders", o.ClusterId);
        Assert.Equal(
            [3, 4, 5, 6],
            new[] { o.FailoverClusterTopologyRefreshRate, o.FailoverReaderConnectTimeout, o.FailoverTimeout, o.FailoverWriterReconnectInterval }.Select(t => t.TotalSeconds));
        Assert.True(o.KeepSessionStateOnFailover);
        Assert.False(o.FailureDetectionEnabled);
        Assert.Equal(9, o.FailureDetectionCount);
        Assert.Equal(
            [7, 8, 10, 11, 12, 13, 14],
            new[] { o.FailureDetectionTime, o.FailureDetectionInterval, o.MonitorDisposalTime, o.TopologyRefreshRate, o.TopologyFastRefreshRate, o.TopologyFastRefreshDuration, o.TopologyMonitorDisposalTime }.Select(t => t.TotalMilliseconds));
        Assert.Equal("host=db.example.com", parsed.DriverConnectionString);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("yes", true)]
    [InlineData("NO", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Parse_BooleanSpellings_AreRead(string value, bool expected)
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};keep_session_state_on_failover={value}");

        Assert.Equal(expected, parsed.Options.KeepSessionStateOnFailover);
    }

    [Theory]
    [InlineData(ReaderHost, FailoverMode.ReaderOrWriter)]
    [InlineData(ClusterHost, FailoverMode.StrictWriter)]
    [InlineData("orders-1.c9xyz1abc.us-east-2.rds.amazonaws.com", FailoverMode.StrictWriter)]
    [InlineData("reporting.cluster-custom-c9xyz1abc.us-east-2.rds.amazonaws.com", FailoverMode.StrictWriter)]
    public void Parse_NoFailoverMode_DefaultDependsOnEndpoint(string host, FailoverMode expected)
    {
        Assert.Equal(expected, AuroraConnectionString.Parse($"Host={host}").Options.FailoverMode);
    }

    [Fact]
    public void Parse_ReaderEndpointWithExplicitMode_KeepsTheExplicitMode()
    {
        Assert.Equal(FailoverMode.StrictWriter, AuroraConnectionString.Parse($"Host={ReaderHost};failover_mode=strict_writer").Options.FailoverMode);
    }

    [Fact]
    public void Parse_RdsClusterEndpoint_DerivesPatternAndResolvesInstancesOnTheConnectionPort()
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};Port=6432");

        Assert.Equal("?.c9xyz1abc.us-east-2.rds.amazonaws.com", parsed.Options.InstanceHostPattern!.Text);
        var host = parsed.InstanceEndpoints!.Resolve("orders-2");
        Assert.Equal("orders-2.c9xyz1abc.us-east-2.rds.amazonaws.com:6432", host.Endpoint);
    }

    [Fact]
    public void Parse_GivenPattern_WinsOverTheDerivedOne()
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};cluster_instance_host_pattern=?.db.internal:7000");

        Assert.Equal("n1.db.internal:7000", parsed.InstanceEndpoints!.Resolve("n1").Endpoint);
    }

    [Fact]
    public void Parse_ExplicitEndpoints_TakePrecedenceOverThePattern()
    {
        var parsed = AuroraConnectionString.Parse(
            "Host=127.0.0.1;Port=5433;cluster_instance_host_pattern=?.db.internal;"
            + "cluster_instance_endpoints=\"instance-1=127.0.0.1:5433,instance-2=[::1]:5434,instance-3=127.0.0.1\"");

        Assert.IsType<InstanceEndpointMap>(parsed.InstanceEndpoints);
        Assert.Equal("[::1]:5434", parsed.InstanceEndpoints.Resolve("instance-2").Endpoint);
        Assert.Equal("127.0.0.1:5433", parsed.InstanceEndpoints.Resolve("instance-3").Endpoint);
    }

    [Fact]
    public void Parse_UnquotedEndpointMap_IsReadToo()
    {
        var parsed = AuroraConnectionString.Parse("Host=127.0.0.1;Port=5433;cluster_instance_endpoints=a=127.0.0.1:5433,b=127.0.0.1:5434");

        Assert.Equal(5434, parsed.InstanceEndpoints!.Resolve("b").Port);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;enable_failover=false")]
    [InlineData("Host=127.0.0.1;plugins=host_monitoring")]
    [InlineData("Host=localhost;plugins=none")]
    [InlineData("Host=db.example.com;plugins=")]
    [InlineData("Host=db.example.com;plugins=;Username=app")]
    [InlineData("Host=db.example.com;Plugins=\"\"")]
    [InlineData("Host=127.0.0.1:5433,127.0.0.1:5434")]
    public void Parse_NoPatternNeeded_HasNoResolver(string connectionString)
    {
        Assert.Null(AuroraConnectionString.Parse(connectionString).InstanceEndpoints);
    }

    [Fact]
    public void Parse_MonitoringKeys_AreCollectedWithoutPrefixAndAppliedToTheMonitoringString()
    {
        var parsed = AuroraConnectionString.Parse(
            $"Host={ClusterHost};Timeout=30;Command Timeout=30;monitoring_Timeout=3;monitoring-Command Timeout=2;Monitoring Keepalive=1");

        Assert.Equal("3", parsed.MonitoringSettings["timeout"]);
        Assert.Equal("2", parsed.MonitoringSettings["command timeout"]);
        Assert.Equal("1", parsed.MonitoringSettings["keepalive"]);
        var driver = Builder(parsed.DriverConnectionString);
        Assert.Equal("30", driver["timeout"]);
        Assert.False(driver.ContainsKey("monitoring_timeout"));
        var monitoring = Builder(parsed.MonitoringConnectionString);
        Assert.Equal("3", monitoring["timeout"]);
        Assert.Equal("2", monitoring["command timeout"]);
        Assert.Equal("1", monitoring["keepalive"]);
        Assert.Equal(ClusterHost, monitoring["host"]);
    }

    [Theory]
    [InlineData("Host=db1.example.com:5433,db2.example.com;Port=5440;enable_failover=false", new[] { "db1.example.com:5433", "db2.example.com:5440" })]
    [InlineData("Server=[::1]:5433;enable_failover=false", new[] { "[::1]:5433" })]
    [InlineData("Data Source=10.0.0.1;enable_failover=false", new[] { "10.0.0.1:5432" })]
    [InlineData("Host=::1;enable_failover=false", new[] { "[::1]:5432" })]
    public void Parse_HostKey_ReadsEveryHostWithItsPort(string connectionString, string[] endpoints)
    {
        var parsed = AuroraConnectionString.Parse(connectionString);

        Assert.Equal(endpoints, parsed.Hosts.Select(h => h.Endpoint));
        Assert.Equal(parsed.Hosts[0], parsed.InitialHost);
    }

    [Fact]
    public void Parse_DefaultPort_IsUsedWhenNoneGiven()
    {
        var parsed = AuroraConnectionString.Parse($"Server={ClusterHost}", defaultPort: 3306);

        Assert.Equal(3306, parsed.InitialHost.Port);
        Assert.Equal(3306, parsed.InstanceEndpoints!.Resolve("orders-1").Port);
    }

    [Fact]
    public void Parse_Endpoint_IsTheClassifiedFirstHost()
    {
        var parsed = AuroraConnectionString.Parse($"Host={ReaderHost}");

        Assert.Equal(EndpointKind.ClusterReader, parsed.Endpoint.Kind);
        Assert.Equal("orders", parsed.Endpoint.ClusterName);
    }

    [Fact]
    public void Parse_ClusterKey_IsSharedByWriterAndReaderEndpointsAndOverriddenByClusterId()
    {
        var writer = AuroraConnectionString.Parse($"Host={ClusterHost}");
        var reader = AuroraConnectionString.Parse($"Host={ReaderHost}");
        var named = AuroraConnectionString.Parse("Host=127.0.0.1;Port=5433;cluster_id=Local-Orders;enable_failover=false");

        Assert.Equal(writer.ClusterKey, reader.ClusterKey);
        Assert.Equal(ClusterKey.FromClusterId("local-orders"), named.ClusterKey);
    }
}
