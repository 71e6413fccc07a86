using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class AuroraConnectionStringValidationTests
{
    private const string ClusterHost = "orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com";

    private static ArgumentException ParseFails(string connectionString) =>
        Assert.ThrowsAny<ArgumentException>(() => AuroraConnectionString.Parse(connectionString));

    [Theory]
    [InlineData("failover_cluster_topology_refresh_rate_sec", "abc")]
    [InlineData("failover_cluster_topology_refresh_rate_sec", "0")]
    [InlineData("failover_reader_connect_timeout_sec", "-5")]
    [InlineData("failover_reader_connect_timeout_sec", "1.5")]
    [InlineData("failover_timeout_sec", "0")]
    [InlineData("failover_timeout_sec", "")]
    [InlineData("failover_timeout_sec", "99999999999")]
    [InlineData("failover_writer_reconnect_interval_sec", "2s")]
    [InlineData("failure_detection_time_ms", "-1")]
    [InlineData("failure_detection_interval_ms", "0")]
    [InlineData("failure_detection_interval_ms", "five")]
    [InlineData("failure_detection_count", "0")]
    [InlineData("failure_detection_count", "3.0")]
    [InlineData("monitor_disposal_time_ms", "-60000")]
    [InlineData("topology_refresh_rate_ms", "0")]
    [InlineData("topology_fast_refresh_rate_ms", "0")]
    [InlineData("topology_fast_refresh_duration_ms", "-1")]
    [InlineData("topology_monitor_disposal_time_ms", "x")]
    [InlineData("enable_failover", "maybe")]
    [InlineData("keep_session_state_on_failover", "2")]
    [InlineData("failover_silent_idle_move", "quietly")]
    [InlineData("failure_detection_enabled", "")]
    [InlineData("failover_mode", "strict_writr")]
    [InlineData("failover_mode", "reader")]
    [InlineData("plugins", "failover,efm")]
    [InlineData("plugins", "host_monitoring,failover")]
    [InlineData("plugins", "failover,failover")]
    [InlineData("cluster_instance_host_pattern", "db.example.com")]
    [InlineData("cluster_instance_host_pattern", "?.?.example.com")]
    [InlineData("cluster_instance_host_pattern", "?.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("cluster_instance_host_pattern", "?.cluster-custom-c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("cluster_instance_endpoints", "instance-1")]
    [InlineData("cluster_instance_endpoints", "bad_id=127.0.0.1:5433")]
    [InlineData("cluster_id", " ")]
    public void Parse_BadValue_ThrowsNamingKeyAndValue(string key, string value)
    {
        var error = ParseFails($"Host={ClusterHost};{key}=\"{value}\"");

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(key, error.ParamName);
    }

    [Fact]
    public void Parse_BadValueUnderDotNetSpelling_StillNamesTheKeyAndValue()
    {
        var error = ParseFails($"Host={ClusterHost};Failover Mode=strictwriterr");

        Assert.Contains("failover_mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'strictwriterr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("strict_writer, reader_or_writer, strict_reader", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspelledFailoverModeOnReaderEndpoint_DoesNotFallBackToReaderOrWriter()
    {
        ParseFails("Host=orders.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com;failover_mode=readr_or_writer");
    }

    [Fact]
    public void Parse_SameKeyInTwoSpellings_ThrowsNamingBoth()
    {
        var error = ParseFails($"Host={ClusterHost};failover_mode=strict_writer;Failover Mode=strict_reader");

        Assert.Contains("failover_mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Failover Mode'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'failover_mode'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 times", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failover_timeout_sec")]
    [InlineData("failover_mode")]
    [InlineData("failure_detection_enabled")]
    [InlineData("cluster_instance_host_pattern")]
    public void Parse_UnquotedEmptyValue_ThrowsInsteadOfFallingBackToTheDefault(string key)
    {
        var error = ParseFails($"Host={ClusterHost};{key}=;Username=app");

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("''", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameKeyTwiceInOneSpelling_ThrowsInsteadOfKeepingTheLast()
    {
        var error = ParseFails($"Host={ClusterHost};failover_timeout_sec=10;failover_timeout_sec=20");

        Assert.Equal("failover_timeout_sec", error.ParamName);
        Assert.Contains("2 times", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=10.0.0.12", "10.0.0.12", "an IP address")]
    [InlineData("Host=[::1]", "::1", "an IP address")]
    [InlineData("Host=localhost", "localhost", "localhost")]
    [InlineData("Host=db.example.com", "db.example.com", "a custom domain")]
    [InlineData("Host=orders.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com", "orders.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com", "RdsProxy")]
    public void Parse_FailoverOnAndNoWayToNameInstances_ThrowsThatThePatternIsRequired(string connectionString, string host, string kind)
    {
        var error = ParseFails(connectionString);

        Assert.Equal("cluster_instance_host_pattern", error.ParamName);
        Assert.Contains("cluster_instance_host_pattern is required", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{host}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster_instance_endpoints", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=10.0.0.12;cluster_instance_host_pattern=?.db.internal")]
    [InlineData("Host=localhost;cluster_instance_endpoints=n1=127.0.0.1:5433")]
    [InlineData("Host=db.example.com;Failover Mode=strict_reader;Cluster Instance Host Pattern=?.example.com")]
    public void Parse_IPOrCustomHostWithPatternOrEndpoints_Succeeds(string connectionString)
    {
        Assert.NotNull(AuroraConnectionString.Parse(connectionString).InstanceEndpoints);
    }

    [Theory]
    [InlineData("Host=db.example.com:0;enable_failover=false", "host", "db.example.com:0")]
    [InlineData("Host=db.example.com;Port=abc;enable_failover=false", "port", "abc")]
    [InlineData("Host=db.example.com;Port=70000;enable_failover=false", "port", "70000")]
    [InlineData("Host=db..example.com;enable_failover=false", "host", "db..example.com")]
    [InlineData("Host=a.example.com,,b.example.com;enable_failover=false", "host", "a.example.com,,b.example.com")]
    public void Parse_BadHostOrPort_ThrowsNamingKeyAndValue(string connectionString, string key, string value)
    {
        var error = ParseFails(connectionString);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoHost_ThrowsSayingSo()
    {
        var error = ParseFails("Username=app;failover_mode=strict_writer");

        Assert.Contains("names no host", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("monitoring_=3")]
    [InlineData("monitoring_timeout=3;monitoring-Timeout=4")]
    public void Parse_BadMonitoringKey_ThrowsNamingTheKey(string monitoringPart)
    {
        var error = ParseFails($"Host={ClusterHost};{monitoringPart}");

        Assert.Contains("monitoring", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedConnectionString_ThrowsWithPosition()
    {
        var error = ParseFails("Host=a;broken");

        Assert.Contains("malformed at position", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Parse_BadDefaultPort_Throws(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AuroraConnectionString.Parse($"Host={ClusterHost}", port));
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => AuroraConnectionString.Parse(null!));
    }
}
