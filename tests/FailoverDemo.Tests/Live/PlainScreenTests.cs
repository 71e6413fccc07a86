using Aurora.Reactive.Monitoring;
using FailoverDemo.Live;

namespace FailoverDemo.Tests.Live;

public sealed class PlainScreenTests
{
    [Fact]
    public void Entry_TimelineEntry_OneLineWithSeconds() =>
        Assert.Equal("[ 2.500 s] FAULT: crash the writer a", PlainScreen.Entry(new TimelineNoted(TimeSpan.FromSeconds(2.5), "FAULT: crash the writer a")));

    [Fact]
    public void Status_Frame_OneLineWithCountersWriterAndHosts()
    {
        var model = new LiveModel();
        model.Apply(new PhaseChanged(TimeSpan.FromSeconds(1), "steady writes"));
        model.Apply(new TopologyReported(TimeSpan.FromSeconds(1), "a", [new TopologyHost("a:1", "a", "Writer")]));
        model.Apply(new HostHealthReported(TimeSpan.FromSeconds(1), "a:1", "a", HostHealthStatus.Healthy, 0, null));
        model.Apply(new WriteAcknowledged(TimeSpan.FromSeconds(1.5)));

        Assert.Equal(
            "[ 2.000 s] steady writes; writes/s 1, acknowledged 1, caller errors 0; writer a; a Writer Healthy",
            PlainScreen.Status(model.Screen(TimeSpan.FromSeconds(2))));
    }
}
