namespace Aurora.Reactive.Testing.Marbles;

/// <summary>What a replay recorded.</summary>
/// <param name="ActualLines">Each observed output rendered as a marble line (frame 0 = subscription).</param>
/// <param name="Observed">How much virtual time was observed from frame 0.</param>
public sealed record MarbleScenarioResult(IReadOnlyDictionary<string, string> ActualLines, TimeSpan Observed);
