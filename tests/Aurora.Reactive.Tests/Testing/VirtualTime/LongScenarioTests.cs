using System.Diagnostics;
using System.Reactive.Linq;
using Aurora.Reactive.Testing.VirtualTime;
using Xunit.Abstractions;

namespace Aurora.Reactive.Tests.Testing.VirtualTime;

public sealed class LongScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void Start_ThreeHundredSecondsOfProbesEvery100Ms_ReplaysEveryTickAndTheTimeout()
    {
        var scheduler = new TestScheduler();
        var stopAt = TimeSpan.FromSeconds(240);
        var timeout = TimeSpan.FromSeconds(30);
        var stopwatch = Stopwatch.StartNew();

        var observer = scheduler.Start(
            () => Observable.Interval(TimeSpan.FromMilliseconds(100), scheduler)
                .TakeWhile(_ => scheduler.Now.Ticks < stopAt.Ticks)
                .Concat(Observable.Never<long>())
                .Timeout(timeout, scheduler),
            created: 0,
            subscribed: 0,
            disposed: TimeSpan.FromSeconds(300).Ticks);

        stopwatch.Stop();
        output.WriteLine($"300 s of virtual time ({observer.Messages.Count} notifications) replayed in {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");
        var last = observer.Messages[^1];
        Assert.Equal(2399, observer.Messages.Count(m => m.Value.Kind == System.Reactive.NotificationKind.OnNext));
        Assert.IsType<TimeoutException>(last.Value.Exception);
        Assert.Equal((TimeSpan.FromSeconds(239.9) + timeout).Ticks, last.Time);
    }
}
