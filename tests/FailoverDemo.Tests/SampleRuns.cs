namespace FailoverDemo.Tests;

/// <summary>A synthetic run: writes every 10 ms for 8 s, a crash at 2 s (promotion at 2.5 s, writes back at 2.8 s) and a freeze at 5 s (writes back at 6 s).</summary>
internal static class SampleRuns
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    public static IReadOnlyList<TimeSpan> Acknowledgements() =>
        [.. Enumerable.Range(0, 800).Select(i => TimeSpan.FromMilliseconds(i * 10)).Where(t => !(t >= TimeSpan.FromSeconds(2) && t < TimeSpan.FromSeconds(2.8)) && !(t >= TimeSpan.FromSeconds(5) && t < TimeSpan.FromSeconds(6)))];

    public static DemoSummary Summary()
    {
        var acknowledged = Acknowledgements();
        var crash = DemoSummary.LongestGap(acknowledged, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        var freeze = DemoSummary.LongestGap(acknowledged, TimeSpan.FromSeconds(5), Duration);
        return new DemoSummary(
            "both",
            "local cluster",
            [
                new FaultRecord("crash", "instance-1", TimeSpan.FromSeconds(2), "instance-2", crash.Length, crash.From, TimeSpan.FromSeconds(2.5)),
                new FaultRecord("freeze", "instance-2", TimeSpan.FromSeconds(5), "instance-3", freeze.Length, freeze.From, TimeSpan.FromSeconds(5.6)),
            ],
            acknowledged.Count,
            0,
            1,
            [(TimeSpan.FromSeconds(2.1), "FailoverSuccessException: moved")],
            "instance-3",
            Duration,
            acknowledged);
    }
}
