using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// Replays a <see cref="MarbleScenario"/> in virtual time, on the <see cref="TestScheduler"/> of
/// Microsoft.Reactive.Testing, and checks every expectation.
/// </summary>
/// <remarks>
/// <para>Frame 0 is the moment the player subscribes to the outputs. Hot inputs play from their first
/// character, so the clock starts early enough for the longest part before a <c>^</c>; cold inputs play
/// from each subscription. The player runs the clock to frame 0, calls the runner, subscribes to every
/// output with an <c>expect</c> line, runs the clock to the end (the <c>duration:</c>, or else the end
/// of the longest line), then unsubscribes.</para>
/// <para>Anything that happens after the end is not observed; an unsubscription from an input at the end
/// counts as "never" in <c>subs</c> lines. Outputs are compared event by event: time, kind, value (with
/// <see cref="MarbleValueComparer"/>), and errors by type and message.</para>
/// <para>Times are read at a resolution of 1 ms (or the frame, if shorter), counted from frame 0: that
/// scheduler runs work scheduled for "now" one tick (100 ns) later, so a stream that hops through it a
/// few times records a timeout due at 35 s at 35 s plus a few ticks; it matches an event drawn at 35 s.</para>
/// </remarks>
public static class MarbleScenarioPlayer
{
    /// <summary>Replays the scenario with the runner of its subject.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="registry">The runners.</param>
    /// <returns>What was recorded.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No runner plays the subject, or the runner needs an input the file lacks.</exception>
    /// <exception cref="InvalidOperationException">The runner gives no output for an <c>expect</c> line, or options or inputs go unused.</exception>
    /// <exception cref="MarbleAssertionException">An output or a subscription log differs from its lines; the message holds every diff.</exception>
    public static MarbleScenarioResult Play(MarbleScenario scenario, MarbleScenarioRunnerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(registry);
        IMarbleScenarioRunner runner;
        try
        {
            runner = registry.Get(scenario.Subject);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"{scenario.Source}: {e.Message}", e);
        }

        return Play(scenario, runner);
    }

    /// <summary>Replays the scenario with the given runner.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="runner">The runner.</param>
    /// <returns>What was recorded.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">The runner needs an input the file lacks.</exception>
    /// <exception cref="InvalidOperationException">The runner gives no output for an <c>expect</c> line, or options or inputs go unused.</exception>
    /// <exception cref="MarbleAssertionException">An output or a subscription log differs from its lines; the message holds every diff.</exception>
    public static MarbleScenarioResult Play(MarbleScenario scenario, IMarbleScenarioRunner runner)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(runner);
        var scheduler = new TestScheduler();
        var origin = scenario.Inputs.Select(i => -i.Line.Start).DefaultIfEmpty(0).Max();
        var end = origin + Length(scenario);
        var inputs = scenario.Inputs.ToDictionary(
            i => i.Name,
            i => i.Kind == MarbleLineKind.Hot
                ? scheduler.CreateHotObservable(scenario.Legend.ToNotifications(i.Line, origin))
                : scheduler.CreateColdObservable(scenario.Legend.ToNotifications(i.Line)),
            StringComparer.Ordinal);

        scheduler.AdvanceTo(origin);
        var context = new MarbleScenarioContext(scenario, scheduler, scenario.Options.Fresh(), inputs);
        var outputs = runner.Run(context);
        CheckOutputs(scenario, outputs);

        var observers = new Dictionary<string, ITestableObserver<object>>(StringComparer.Ordinal);
        var subscriptions = new List<IDisposable>();
        foreach (var expectation in scenario.Expectations)
        {
            var observer = scheduler.CreateObserver<object>();
            observers[expectation.Name] = observer;
            subscriptions.Add(outputs[expectation.Name].Subscribe(observer));
        }

        scheduler.AdvanceTo(end);
        subscriptions.ForEach(s => s.Dispose());
        CheckEverythingUsed(scenario, context);

        var recorded = observers.ToDictionary(o => o.Key, o => MarbleResolution.Floor(o.Value.Messages, scenario.Frame, origin), StringComparer.Ordinal);
        var failures = scenario.Expectations
            .Select(e => MarbleDiff.Notifications(e.Name, e.Line, recorded[e.Name], scenario.Legend, origin))
            .Concat(scenario.SubscriptionExpectations.GroupBy(s => s.InputName).Select(g => MarbleDiff.Subscriptions(
                g.Key, g.Select(s => s.Subscription).ToList(), MarbleResolution.Floor(inputs[g.Key].Subscriptions, scenario.Frame, origin), scenario.Frame, origin, end)))
            .OfType<string>()
            .ToList();
        if (failures.Count > 0)
        {
            var header = $"{scenario.Source} ({scenario.Subject}): {scenario.Title}";
            throw new MarbleAssertionException(header + Environment.NewLine + string.Join(Environment.NewLine + Environment.NewLine, failures));
        }

        var actual = recorded.ToDictionary(
            o => o.Key,
            o => MarbleRenderer.Render(o.Value, scenario.Legend, scenario.Frame, origin, new Dictionary<char, object>()),
            StringComparer.Ordinal);
        return new MarbleScenarioResult(actual, TimeSpan.FromTicks(end - origin));
    }

    private static long Length(MarbleScenario scenario)
    {
        if (scenario.Duration is { } duration)
        {
            return duration.Ticks;
        }

        var frame = scenario.Frame.Ticks;
        var lines = scenario.Inputs.Select(i => i.Line.End).Concat(scenario.Expectations.Select(e => e.Line.End));
        var subscriptions = scenario.SubscriptionExpectations.Select(s =>
            (s.Subscription.Unsubscribe == Subscription.Infinite ? s.Subscription.Subscribe : s.Subscription.Unsubscribe) + frame);
        return Math.Max(frame, lines.Concat(subscriptions).DefaultIfEmpty(0).Max());
    }

    private static void CheckOutputs(MarbleScenario scenario, IReadOnlyDictionary<string, IObservable<object>> outputs)
    {
        if (outputs is null)
        {
            throw new InvalidOperationException($"{scenario.Source}: the runner of '{scenario.Subject}' returned no outputs.");
        }

        var missing = scenario.Expectations.Where(e => !outputs.ContainsKey(e.Name)).Select(e => $"'{e.Name}'").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{scenario.Source} (subject '{scenario.Subject}'): the runner gives no output named {string.Join(", ", missing)}; its outputs: {string.Join(", ", outputs.Keys)}.");
        }
    }

    /// <summary>Options and inputs the runner never touched are most likely typos in the file.</summary>
    private static void CheckEverythingUsed(MarbleScenario scenario, MarbleScenarioContext context)
    {
        var problems = new List<string>();
        if (context.Options.UnreadKeys.Count > 0)
        {
            problems.Add($"the runner never read option(s) {string.Join(", ", context.Options.UnreadKeys)} (a typo?)");
        }

        var unused = context.UnusedInputs.ToList();
        if (unused.Count > 0)
        {
            problems.Add($"the runner never used input(s) {string.Join(", ", unused)} (a typo?)");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{scenario.Source} (subject '{scenario.Subject}'): {string.Join("; ", problems)}.");
        }
    }
}
