using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Testing.Marbles;

/// <summary>A runner built from a function, for kit tests (no parameterless constructor, so assembly scanning skips it).</summary>
internal sealed class DelegateRunner(string subject, Func<MarbleScenarioContext, IReadOnlyDictionary<string, IObservable<object>>> run) : IMarbleScenarioRunner
{
    public string Subject => subject;

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context) => run(context);
}
