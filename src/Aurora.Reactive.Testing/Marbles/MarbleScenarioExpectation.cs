namespace Aurora.Reactive.Testing.Marbles;

/// <summary>A named expected output of a scenario (<c>expect NAME:</c>); frame 0 is the subscription.</summary>
/// <param name="Name">The output's name, as the runner returns it.</param>
/// <param name="Line">The parsed marble line.</param>
public sealed record MarbleScenarioExpectation(string Name, MarbleLine Line);
