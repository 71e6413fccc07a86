using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class FailureDetectionSettingsTests
{
    [Fact]
    public void Default_HasTheSeedDefaults()
    {
        var settings = FailureDetectionSettings.Default;

        Assert.Equal(TimeSpan.FromSeconds(30), settings.Time);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Interval);
        Assert.Equal(3, settings.Count);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.DisposalDelay);
        Assert.Null(settings.MonitoringTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ProbeTimeout);
    }

    [Theory]
    [InlineData(30_000, 5_000, 3, 45)]
    [InlineData(6_000, 1_000, 1, 7)]
    [InlineData(3_000, 1_000, 2, 5)]
    [InlineData(0, 500, 4, 2)]
    public void DeadAfterFrozen_IsTimePlusCountIntervals(int timeMs, int intervalMs, int count, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), FailureDetectionSettings.FromMilliseconds(timeMs, intervalMs, count).DeadAfterFrozen);

    [Theory]
    [InlineData(2_000, 2_000)]
    [InlineData(5_000, 5_000)]
    [InlineData(9_000, 5_000)]
    public void ProbeTimeout_IsTheSmallerOfIntervalAndMonitoringTimeout(int monitoringTimeoutMs, int expectedMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            FailureDetectionSettings.FromMilliseconds(30_000, 5_000, 3, 60_000, monitoringTimeoutMs).ProbeTimeout);

    [Theory]
    [InlineData(-1, 5_000, 3, 60_000, null, "failure_detection_time_ms=-1")]
    [InlineData(30_000, 0, 3, 60_000, null, "failure_detection_interval_ms=0")]
    [InlineData(30_000, -5, 3, 60_000, null, "failure_detection_interval_ms=-5")]
    [InlineData(30_000, 5_000, 0, 60_000, null, "failure_detection_count=0")]
    [InlineData(30_000, 5_000, 3, -1, null, "monitor_disposal_time_ms=-1")]
    [InlineData(30_000, 5_000, 3, 60_000, 0, "monitoring_timeout_ms=0")]
    public void FromMilliseconds_OutOfRange_ThrowsNamingTheKeyAndValue(int timeMs, int intervalMs, int count, int disposalMs, int? monitoringTimeoutMs, string expected)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            FailureDetectionSettings.FromMilliseconds(timeMs, intervalMs, count, disposalMs, monitoringTimeoutMs));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_SameValues_AreEqualSoTheyShareAMonitor() =>
        Assert.Equal(FailureDetectionSettings.FromMilliseconds(30_000, 5_000, 3), FailureDetectionSettings.Default);

    [Fact]
    public void ToString_NamesEveryKey() =>
        Assert.Equal(
            "failure_detection_time_ms=6000 failure_detection_interval_ms=1000 failure_detection_count=1 monitor_disposal_time_ms=60000",
            FailureDetectionSettings.FromMilliseconds(6000, 1000, 1).ToString());

    [Fact]
    public void FromOptions_DefaultOptions_AreTheDefaults() =>
        Assert.Equal(FailureDetectionSettings.Default, FailureDetectionSettings.FromOptions(new AuroraOptions()));

    [Fact]
    public void FromOptions_CustomOptionsAndMonitoringTimeout_CarriesEveryValue()
    {
        var options = new AuroraOptions
        {
            FailureDetectionTime = TimeSpan.FromSeconds(6),
            FailureDetectionInterval = TimeSpan.FromSeconds(1),
            FailureDetectionCount = 1,
            MonitorDisposalTime = TimeSpan.FromSeconds(5),
        };

        var settings = FailureDetectionSettings.FromOptions(options, TimeSpan.FromMilliseconds(500));

        Assert.Equal(FailureDetectionSettings.FromMilliseconds(6000, 1000, 1, 5000, 500), settings);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.ProbeTimeout);
    }
}
