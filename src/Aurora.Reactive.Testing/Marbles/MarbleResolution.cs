using System.Reactive;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// The resolution at which the kit reads recorded times: one millisecond, or the frame when it is shorter.
/// </summary>
/// <remarks>
/// Microsoft.Reactive.Testing's <see cref="TestScheduler"/> runs work scheduled for "now" one tick (100 ns)
/// later, so each hop of a stream through the scheduler adds a tick: a timeout due at 35 s fires at
/// 35 s plus a few ticks. Recorded times are rounded down to this resolution (counting from frame 0)
/// before they are compared with marble lines or rendered, so an event drawn at 35 s matches one
/// recorded within [35 s, 35.001 s).
/// </remarks>
internal static class MarbleResolution
{
    /// <summary>The resolution for <paramref name="frame"/>, in ticks.</summary>
    public static long Of(TimeSpan frame) => Math.Clamp(frame.Ticks, 1, TimeSpan.TicksPerMillisecond);

    /// <summary>Rounds <paramref name="time"/> (absolute ticks) down to the resolution, counting from <paramref name="origin"/>.</summary>
    public static long Floor(long time, TimeSpan frame, long origin)
    {
        var resolution = Of(frame);
        var relative = time - origin;
        return time - (((relative % resolution) + resolution) % resolution);
    }

    /// <summary>The notifications with their times rounded down.</summary>
    public static List<Recorded<Notification<T>>> Floor<T>(IEnumerable<Recorded<Notification<T>>> messages, TimeSpan frame, long origin) =>
        messages.Select(m => new Recorded<Notification<T>>(Floor(m.Time, frame, origin), m.Value)).ToList();

    /// <summary>The subscriptions with their times rounded down; "never" stays "never".</summary>
    public static List<Subscription> Floor(IEnumerable<Subscription> log, TimeSpan frame, long origin) =>
        log.Select(s => new Subscription(
            Floor(s.Subscribe, frame, origin),
            s.Unsubscribe == Subscription.Infinite ? Subscription.Infinite : Floor(s.Unsubscribe, frame, origin))).ToList();
}
