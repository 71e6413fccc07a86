using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>One expected subscription to an input (<c>subs NAME:</c>), in ticks from frame 0.</summary>
/// <param name="InputName">The input whose subscription log is checked.</param>
/// <param name="Subscription">The expected subscription, relative to frame 0.</param>
/// <param name="Location">Where the line is in the file.</param>
public sealed record MarbleSubscriptionExpectation(string InputName, Subscription Subscription, MarbleLocation Location);
