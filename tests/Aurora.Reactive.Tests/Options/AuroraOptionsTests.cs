using Aurora.Reactive.Failover;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class AuroraOptionsTests
{
    [Fact]
    public void New_Defaults_AreTheSeedDefaults()
    {
        var options = new AuroraOptions();

        Assert.Equal([AuroraPlugin.Failover, AuroraPlugin.HostMonitoring], options.Plugins);
        Assert.True(options.EnableFailover);
        Assert.Equal(FailoverMode.StrictWriter, options.FailoverMode);
        Assert.Null(options.InstanceHostPattern);
        Assert.Null(options.InstanceEndpoints);
        Assert.Null(options.ClusterId);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FailoverClusterTopologyRefreshRate);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FailoverReaderConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(300), options.FailoverTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FailoverWriterReconnectInterval);
        Assert.False(options.KeepSessionStateOnFailover);
        Assert.True(options.FailureDetectionEnabled);
        Assert.Equal(TimeSpan.FromMilliseconds(30000), options.FailureDetectionTime);
        Assert.Equal(TimeSpan.FromMilliseconds(5000), options.FailureDetectionInterval);
        Assert.Equal(3, options.FailureDetectionCount);
        Assert.Equal(TimeSpan.FromMilliseconds(60000), options.MonitorDisposalTime);
        Assert.Equal(TimeSpan.FromMilliseconds(30000), options.TopologyRefreshRate);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.TopologyFastRefreshRate);
        Assert.Equal(TimeSpan.FromMilliseconds(30000), options.TopologyFastRefreshDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(60000), options.TopologyMonitorDisposalTime);
        Assert.True(options.IsFailoverActive);
        Assert.True(options.IsFailureDetectionActive);
    }

    [Fact]
    public void IsFailoverActive_NeedsPluginAndSwitch()
    {
        Assert.False(new AuroraOptions { EnableFailover = false }.IsFailoverActive);
        Assert.False(new AuroraOptions { Plugins = [AuroraPlugin.HostMonitoring] }.IsFailoverActive);
        Assert.False(new AuroraOptions { FailureDetectionEnabled = false }.IsFailureDetectionActive);
        Assert.False(new AuroraOptions { Plugins = [AuroraPlugin.Failover] }.IsFailureDetectionActive);
    }

    [Fact]
    public void Init_PluginsInWrongOrder_ThrowsNamingTheProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuroraOptions { Plugins = [AuroraPlugin.HostMonitoring, AuroraPlugin.Failover] });

        Assert.Contains("must come after failover", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_PluginsCopied_LaterChangesToTheSourceDoNotLeakIn()
    {
        var source = new List<AuroraPlugin> { AuroraPlugin.Failover };
        var options = new AuroraOptions { Plugins = source };

        source.Add(AuroraPlugin.HostMonitoring);

        Assert.Equal([AuroraPlugin.Failover], options.Plugins);
    }

    [Fact]
    public void Init_ZeroFailoverTimeout_ThrowsNamingPropertyAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraOptions { FailoverTimeout = TimeSpan.Zero });

        Assert.Equal(nameof(AuroraOptions.FailoverTimeout), error.ParamName);
        Assert.Contains("00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_OutOfRangeValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraOptions { FailureDetectionCount = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraOptions { FailureDetectionInterval = TimeSpan.FromMilliseconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraOptions { FailureDetectionTime = TimeSpan.FromMilliseconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraOptions { TopologyFastRefreshRate = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraOptions { MonitorDisposalTime = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void Init_ZeroGraceAndZeroDisposal_AreAllowed()
    {
        var options = new AuroraOptions { FailureDetectionTime = TimeSpan.Zero, MonitorDisposalTime = TimeSpan.Zero, TopologyFastRefreshDuration = TimeSpan.Zero };

        Assert.Equal(TimeSpan.Zero, options.FailureDetectionTime);
    }

    [Fact]
    public void ToString_ListsEverySettingBySeedKey()
    {
        var text = new AuroraOptions { FailoverMode = FailoverMode.StrictReader, FailureDetectionCount = 5 }.ToString();

        foreach (var key in AuroraOptionKeys.All)
        {
            Assert.Contains(key + "=", text, StringComparison.Ordinal);
        }

        Assert.Contains("failover_mode=strict_reader", text, StringComparison.Ordinal);
        Assert.Contains("failure_detection_count=5", text, StringComparison.Ordinal);
        Assert.Contains("plugins=failover,host_monitoring", text, StringComparison.Ordinal);
        Assert.Contains("failover_timeout_sec=300", text, StringComparison.Ordinal);
        Assert.Contains("topology_fast_refresh_rate_ms=100", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NoPlugins_SaysNone()
    {
        Assert.Contains("plugins=none", new AuroraOptions { Plugins = [] }.ToString(), StringComparison.Ordinal);
    }
}
