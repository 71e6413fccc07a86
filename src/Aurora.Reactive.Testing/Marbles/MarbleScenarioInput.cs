namespace Aurora.Reactive.Testing.Marbles;

/// <summary>A named input stream of a scenario (<c>hot NAME:</c> or <c>cold NAME:</c>).</summary>
/// <param name="Name">The stream's name, as the runner asks for it.</param>
/// <param name="Kind"><see cref="MarbleLineKind.Hot"/> or <see cref="MarbleLineKind.Cold"/>.</param>
/// <param name="Line">The parsed marble line.</param>
public sealed record MarbleScenarioInput(string Name, MarbleLineKind Kind, MarbleLine Line);
