using Aurora.Reactive.Connections;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Aurora.Reactive.Tests.Connections.Fakes;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionSettingsMonitoringTests
{
    private const string Writer = "Host=shop.cluster-abc123.us-east-1.rds.amazonaws.com;Username=app;Password=secret-pw";
    private const string Proxy = "Host=orders.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com;Username=app;enable_failover=false";

    [Fact]
    public void From_DefaultPlugins_MonitorsWithTheFailureDetectionSettings()
    {
        var settings = AuroraConnectionSettings.From(
            AuroraConnectionString.Parse(Writer + ";failure_detection_time_ms=2000;failure_detection_interval_ms=1000;failure_detection_count=2;monitor_disposal_time_ms=500"), null);

        var monitoring = Assert.IsType<HostMonitoringSettings>(settings.HostMonitoring);
        Assert.Equal(FailureDetectionSettings.FromMilliseconds(2000, 1000, 2, 500), monitoring.Detection);
        Assert.Null(monitoring.ProbeMethod);
    }

    [Theory]
    [InlineData("select1", ProbeMethod.SelectOne)]
    [InlineData("connect", ProbeMethod.Connect)]
    public void From_ProbeKey_ChoosesTheProbeMethod(string value, object expectedValue)
    {
        var expected = (ProbeMethod)expectedValue;
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + ";failure_detection_probe=" + value), null);

        Assert.Equal(expected, settings.HostMonitoring!.ProbeMethod);
    }

    [Fact]
    public void From_MonitoringKeys_GoToTheMonitoringConnectionStringWithTheCredentials()
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + ";monitoring_Timeout=3"), null);

        var monitoringString = settings.HostMonitoring!.ConnectionString!;
        Assert.Contains("Timeout=3", monitoringString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secret-pw", monitoringString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(";plugins=failover")]
    [InlineData(";plugins=none")]
    [InlineData(";failure_detection_enabled=false")]
    public void From_PluginNotLoadedOrDetectionOff_NoMonitoring(string suffix)
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + suffix), null);

        Assert.Null(settings.HostMonitoring);
    }

    [Fact]
    public void From_MonitoringOnly_MonitorsWithoutFailover()
    {
        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Writer + ";plugins=host_monitoring"), new FakeFailoverHandler(null));

        Assert.NotNull(settings.HostMonitoring);
        Assert.Null(settings.FailoverHandler);
    }

    [Fact]
    public void From_RdsProxyEndpoint_NoMonitoringAndAWarningNamingTheHost()
    {
        var logs = new CapturingLoggerFactory();

        var settings = AuroraConnectionSettings.From(AuroraConnectionString.Parse(Proxy), null, logs);

        Assert.Null(settings.HostMonitoring);
        var warning = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("orders.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com", warning.Message, StringComparison.Ordinal);
        Assert.Contains("RDS Proxy", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_RdsProxyWithDetectionOff_NoWarning()
    {
        var logs = new CapturingLoggerFactory();

        AuroraConnectionSettings.From(AuroraConnectionString.Parse(Proxy + ";failure_detection_enabled=false"), null, logs);

        Assert.Empty(logs.Entries);
    }

    [Fact]
    public void Create_DriverWithoutMonitoringProfile_MonitoringOffWithAWarning()
    {
        var logs = new CapturingLoggerFactory();
        var settings = new AuroraConnectionSettings { HostMonitoring = new HostMonitoringSettings(), LoggerFactory = logs };

        using var dataSource = AuroraDataSource.Create("n1:5432", new FakeDriver(), settings);
        using var connection = dataSource.CreateConnection();

        Assert.False(connection.IsMonitored);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("FakeDbConnection", StringComparison.Ordinal));
    }
}
