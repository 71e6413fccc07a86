namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>One entry of a subscription log: when an observer subscribed and when it unsubscribed, in ticks.</summary>
/// <param name="Subscribe">Virtual time of the subscription.</param>
/// <param name="Unsubscribe">Virtual time of the disposal, or <see cref="Infinite"/> while still subscribed.</param>
public readonly record struct Subscription(long Subscribe, long Unsubscribe = Subscription.Infinite)
{
    /// <summary>The <see cref="Unsubscribe"/> value of a subscription that was never disposed.</summary>
    public const long Infinite = long.MaxValue;

    /// <inheritdoc/>
    public override string ToString() =>
        Unsubscribe == Infinite ? $"({Subscribe}, never)" : $"({Subscribe}, {Unsubscribe})";
}
