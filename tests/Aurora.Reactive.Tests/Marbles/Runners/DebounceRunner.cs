using System.Reactive.Linq;
using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary><c>rx.debounce</c>: <c>out = source.Throttle(due)</c> (Rx.NET's name for debounce); option <c>due</c>.</summary>
public sealed class DebounceRunner : IMarbleScenarioRunner
{
    public string Subject => "rx.debounce";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var due = context.Options.GetTimeSpan("due");
        return new Dictionary<string, IObservable<object>>
        {
            ["out"] = context.Input("source").Throttle(due, context.Scheduler),
        };
    }
}
