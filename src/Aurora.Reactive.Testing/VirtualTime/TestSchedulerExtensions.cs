using System.Runtime.CompilerServices;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>
/// What this kit adds to the <see cref="TestScheduler"/> of Microsoft.Reactive.Testing: advancing by a
/// <see cref="TimeSpan"/>, and a <see cref="System.TimeProvider"/> view of its clock.
/// </summary>
public static class TestSchedulerExtensions
{
    private static readonly ConditionalWeakTable<TestScheduler, VirtualTimeProvider> Providers = new();

    /// <param name="scheduler">The virtual-time scheduler.</param>
    extension(TestScheduler scheduler)
    {
        /// <summary>
        /// A <see cref="System.TimeProvider"/> that reads this scheduler's clock and runs its timers on it;
        /// the same instance on every read.
        /// </summary>
        /// <exception cref="ArgumentNullException">The scheduler is <see langword="null"/>.</exception>
        public VirtualTimeProvider TimeProvider
        {
            get
            {
                ArgumentNullException.ThrowIfNull(scheduler);
                return Providers.GetValue(scheduler, static s => new VirtualTimeProvider(s));
            }
        }

        /// <summary>Runs all work due within <paramref name="time"/> from now and moves the clock by that much.</summary>
        /// <param name="time">How far to advance; not negative. One clock unit is one <see cref="TimeSpan"/> tick.</param>
        /// <exception cref="ArgumentNullException">The scheduler is <see langword="null"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative.</exception>
        /// <exception cref="InvalidOperationException">The scheduler is already running (called from scheduled work).</exception>
        public void AdvanceBy(TimeSpan time)
        {
            ArgumentNullException.ThrowIfNull(scheduler);
            if (time < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot advance the virtual clock by a negative time ({time}).");
            }

            scheduler.AdvanceBy(time.Ticks);
        }
    }
}
