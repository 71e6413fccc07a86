namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>A value stamped with the virtual time (in <see cref="TestScheduler"/> ticks) at which it was seen or is due.</summary>
/// <typeparam name="T">The recorded value, usually a <see cref="System.Reactive.Notification{T}"/>.</typeparam>
/// <param name="Time">Virtual time in ticks of 100 ns (<see cref="TimeSpan.Ticks"/>).</param>
/// <param name="Value">The recorded value.</param>
public readonly record struct Recorded<T>(long Time, T Value)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Value}@{Time}";
}
