using System.Reactive.Linq;
using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary><c>rx.merge</c>: <c>out = left.Merge(right)</c>; no options.</summary>
public sealed class MergeRunner : IMarbleScenarioRunner
{
    public string Subject => "rx.merge";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context) =>
        new Dictionary<string, IObservable<object>>
        {
            ["out"] = context.Input("left").Merge(context.Input("right")),
        };
}
