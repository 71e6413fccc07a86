using System.Reactive.Subjects;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class FailureDetectorTests
{
    private static readonly HostSpec Host = new("h", 5432);
    private static readonly DateTimeOffset T0 = VirtualClock.Origin;

    private static ProbeResult Probe(double startSeconds, bool ok) =>
        new(Host, ok ? ProbeOutcome.Answered : ProbeOutcome.Failed, T0.AddSeconds(startSeconds), TimeSpan.FromMilliseconds(5));

    private static List<double> Run(DateTimeOffset window, int count, params (double Start, bool Ok)[] probes)
    {
        var subject = new Subject<ProbeResult>();
        var dead = new List<double>();
        using var subscription = subject.WhenDead(window, count).Subscribe(p => dead.Add((p.StartedAt - T0).TotalSeconds));
        foreach (var (start, ok) in probes)
        {
            subject.OnNext(Probe(start, ok));
        }

        return dead;
    }

    [Fact]
    public void WhenDead_FailuresBeforeTheWindow_DoNotCount() =>
        Assert.Empty(Run(T0.AddSeconds(10), 2, (8, false), (9, false), (10, false)));

    [Fact]
    public void WhenDead_ProbeStartingExactlyAtTheWindow_Counts() =>
        Assert.Equal([11.0], Run(T0.AddSeconds(10), 2, (9, false), (10, false), (11, false)));

    [Fact]
    public void WhenDead_AnswerInTheMiddle_ResetsTheCount() =>
        Assert.Equal([14.0], Run(T0, 2, (10, false), (11, true), (12, false), (13, true), (13.5, false), (14, false), (15, false)));

    [Fact]
    public void WhenDead_EmitsOnlyOnce() =>
        Assert.Equal([1.0], Run(T0, 1, (1, false), (2, false), (3, false)));

    [Fact]
    public void WhenDead_CountBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subject<ProbeResult>().WhenDead(T0, 0));
}
