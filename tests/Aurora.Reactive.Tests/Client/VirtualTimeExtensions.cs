using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Client;

/// <summary>
/// Advancing virtual time so that <c>await</c> continuations of tasks completed by scheduled work run
/// inline, inside the advance: the runtime refuses to inline them under a synchronization context
/// (xUnit installs one), so it is removed for the duration of the advance.
/// </summary>
internal static class VirtualTimeExtensions
{
    public static void AdvanceInline(this TestScheduler scheduler, TimeSpan time) => Inline(() => scheduler.AdvanceBy(time));

    /// <summary>Runs <paramref name="action"/> (a cancellation, say) with continuations it triggers run inline.</summary>
    public static void Inline(Action action)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
