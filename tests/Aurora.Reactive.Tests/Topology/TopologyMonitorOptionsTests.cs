using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new TopologyMonitorOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.SlowRefreshInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.FastRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FastModeLinger);
        Assert.Equal(TimeSpan.FromSeconds(3), options.OperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxErrorBackoff);
        options.Validate();
    }

    [Fact]
    public void WithFailoverRefreshRate_SlowerThanFastInterval_KeepsFastInterval()
    {
        var options = new TopologyMonitorOptions().WithFailoverRefreshRate(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromMilliseconds(100), options.FastRefreshInterval);
    }

    [Fact]
    public void WithFailoverRefreshRate_FasterThanFastInterval_CapsIt()
    {
        var options = new TopologyMonitorOptions { FastRefreshInterval = TimeSpan.FromSeconds(1) }.WithFailoverRefreshRate(TimeSpan.FromMilliseconds(500));

        Assert.Equal(TimeSpan.FromMilliseconds(500), options.FastRefreshInterval);
    }

    [Fact]
    public void WithFailoverRefreshRate_Zero_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TopologyMonitorOptions().WithFailoverRefreshRate(TimeSpan.Zero));

        Assert.Contains("failover_cluster_topology_refresh_rate_sec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FastSlowerThanSlow_ThrowsNamingBoth()
    {
        var options = new TopologyMonitorOptions { FastRefreshInterval = TimeSpan.FromMinutes(1) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal("FastRefreshInterval", error.ParamName);
        Assert.Contains("SlowRefreshInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroReadHedgeDelay_ThrowsNamingIt()
    {
        var options = new TopologyMonitorOptions { ReadHedgeDelay = TimeSpan.Zero };

        Assert.Equal("ReadHedgeDelay", Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
    }

    [Fact]
    public void Validate_NoReadHedgeDelay_IsValid() => new TopologyMonitorOptions { ReadHedgeDelay = null }.Validate();

    [Fact]
    public void Validate_NegativeTimeout_ThrowsNamingItAndTheValue()
    {
        var options = new TopologyMonitorOptions { OperationTimeout = TimeSpan.FromSeconds(-2) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal("OperationTimeout", error.ParamName);
        Assert.Contains("-00:00:02", error.Message, StringComparison.Ordinal);
    }
}
