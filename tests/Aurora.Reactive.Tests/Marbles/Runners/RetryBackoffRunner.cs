using System.Reactive.Linq;
using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary>
/// <c>rx.retry-backoff</c>: re-subscribes to <c>source</c> after an error, waiting <c>initial</c>, then
/// <c>initial * factor</c>, and so on, for at most <c>attempts</c> subscriptions; the last error goes out.
/// </summary>
public sealed class RetryBackoffRunner : IMarbleScenarioRunner
{
    public string Subject => "rx.retry-backoff";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var attempts = context.Options.GetInt32("attempts");
        var initial = context.Options.GetTimeSpan("initial");
        var factor = context.Options.GetDouble("factor", 2);
        var source = context.Input("source");

        IObservable<object> Attempt(int number) =>
            source.Catch<object, Exception>(error => number + 1 >= attempts
                ? Observable.Throw<object>(error)
                : Observable.Defer(() => Attempt(number + 1))
                    .DelaySubscription(initial * Math.Pow(factor, number), context.Scheduler));

        return new Dictionary<string, IObservable<object>> { ["out"] = Attempt(0) };
    }
}
