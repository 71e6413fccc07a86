using System.Reactive.Concurrency;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>A virtual-time scheduler starting at a fixed instant, with helpers in seconds since that start.</summary>
internal sealed class VirtualClock
{
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public HistoricalScheduler Scheduler { get; } = new(Origin);

    public DateTimeOffset Now => Scheduler.Now;

    public static DateTimeOffset At(double seconds) => Origin + TimeSpan.FromSeconds(seconds);

    public static double SecondsOf(DateTimeOffset time) => (time - Origin).TotalSeconds;

    public void AdvanceTo(double seconds) => Scheduler.AdvanceTo(At(seconds));

    public void Run(double seconds, Action action) => Scheduler.Schedule(At(seconds), action);
}
