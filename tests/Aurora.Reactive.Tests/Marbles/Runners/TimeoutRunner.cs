using System.Reactive.Linq;
using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary><c>rx.timeout</c>: <c>out = source.Timeout(due)</c>; option <c>due</c> (a duration).</summary>
public sealed class TimeoutRunner : IMarbleScenarioRunner
{
    public string Subject => "rx.timeout";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var due = context.Options.GetTimeSpan("due");
        return new Dictionary<string, IObservable<object>>
        {
            ["out"] = context.Input("source").Timeout(due, context.Scheduler),
        };
    }
}
