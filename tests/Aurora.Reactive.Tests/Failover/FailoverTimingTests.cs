using Aurora.Reactive.Failover;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Failover;

public sealed class FailoverTimingTests
{
    [Fact]
    public void From_ParsedConnectionString_TakesEveryFailoverSetting()
    {
        var options = AuroraConnectionString.Parse(
            "Host=n1;cluster_instance_host_pattern=?.test;failover_writer_reconnect_interval_sec=3;failover_reader_connect_timeout_sec=7;failover_timeout_sec=11;failover_cluster_topology_refresh_rate_sec=5").Options;

        var timing = FailoverTiming.From(options);

        Assert.Equal(TimeSpan.FromSeconds(3), timing.WriterReconnectInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), timing.ReaderConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(11), timing.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), timing.TopologyRefreshRate);
    }

    [Fact]
    public void Timeout_Zero_ThrowsNamingTheKeyAndTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FailoverTiming { Timeout = TimeSpan.Zero });

        Assert.Equal("failover_timeout_sec", error.ParamName);
        Assert.Contains("got 0 s", error.Message);
    }

    [Theory]
    [InlineData(FailoverMode.StrictWriter, typeof(StrictWriterPolicy))]
    [InlineData(FailoverMode.ReaderOrWriter, typeof(ReaderOrWriterPolicy))]
    [InlineData(FailoverMode.StrictReader, typeof(StrictReaderPolicy))]
    public void ForMode_EachMode_GivesItsBuiltInPolicy(FailoverMode mode, Type expected) =>
        Assert.IsType(expected, FailoverPolicies.ForMode(mode));

    [Fact]
    public void ForMode_UndefinedMode_ThrowsNamingTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FailoverPolicies.ForMode((FailoverMode)42));

        Assert.Contains("42", error.Message);
    }
}
