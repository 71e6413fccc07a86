using System.Diagnostics;
using System.Reactive;
using System.Reactive.Linq;
using Xunit.Abstractions;

namespace Aurora.Reactive.Tests.Testing.VirtualTime;

public sealed class LongScenarioTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StopAt = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan TimeoutAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void Start_ThreeHundredSecondsOfProbesEvery100Ms_ReplaysEveryTickAndTheTimeout()
    {
        foreach (var run in new[] { "first run (includes JIT)", "second run" })
        {
            var stopwatch = Stopwatch.StartNew();
            var messages = Replay();
            stopwatch.Stop();
            output.WriteLine($"300 s of virtual time ({messages.Count} notifications), {run}: {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");

            Assert.Equal(2399, messages.Count(m => m.Value.Kind == NotificationKind.OnNext));
            Assert.IsType<TimeoutException>(messages[^1].Value.Exception);
            // The timeout is armed one tick after the last probe: the TestScheduler runs work scheduled for "now" one tick later.
            Assert.Equal((TimeSpan.FromSeconds(239.9) + TimeoutAfter).Ticks + 1, messages[^1].Time);
        }
    }

    /// <summary>Probes every 100 ms stop at 240 s; a 30 s timeout then fails the stream at 269.9 s.</summary>
    private static IList<Recorded<Notification<long>>> Replay()
    {
        var scheduler = new TestScheduler();
        return scheduler.Start(
            () => Observable.Interval(TimeSpan.FromMilliseconds(100), scheduler)
                .TakeWhile(_ => scheduler.Now.Ticks < StopAt.Ticks)
                .Concat(Observable.Never<long>())
                .Timeout(TimeoutAfter, scheduler),
            created: 0,
            subscribed: 0,
            disposed: TimeSpan.FromSeconds(300).Ticks).Messages;
    }
}
