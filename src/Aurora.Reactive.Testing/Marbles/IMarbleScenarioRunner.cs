namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// Plays the system under test of every scenario whose <c>subject:</c> is <see cref="Subject"/>: builds it
/// from the scenario's inputs and options, on the scenario's scheduler, and returns its named outputs.
/// </summary>
/// <remarks>
/// A runner is how a new kind of scenario (a failure detector, a topology monitor, a failover policy)
/// joins the replay without changing the harness: implement this interface (with a public parameterless
/// constructor for <see cref="MarbleScenarioRunnerRegistry.FromAssembly"/>) and write files with its subject.
/// Every timer of the system under test must run on <see cref="MarbleScenarioContext.Scheduler"/> (or its
/// <see cref="MarbleScenarioContext.TimeProvider"/>).
/// </remarks>
public interface IMarbleScenarioRunner
{
    /// <summary>The subject this runner plays, e.g. <c>rx.timeout</c>.</summary>
    string Subject { get; }

    /// <summary>
    /// Builds the system under test. Called once, when the clock is at frame 0; the player then subscribes
    /// to every output named by an <c>expect</c> line and runs the clock.
    /// </summary>
    /// <param name="context">The scheduler, options and inputs.</param>
    /// <returns>The outputs by name; each <c>expect NAME:</c> line needs one.</returns>
    IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context);
}
