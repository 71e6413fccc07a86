using Aurora.Reactive.Testing.VirtualTime;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>What a <see cref="IMarbleScenarioRunner"/> gets to build the system under test.</summary>
public sealed class MarbleScenarioContext
{
    private readonly IReadOnlyDictionary<string, ITestableObservable<object>> _inputs;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    internal MarbleScenarioContext(MarbleScenario scenario, TestScheduler scheduler, MarbleOptions options, IReadOnlyDictionary<string, ITestableObservable<object>> inputs)
    {
        Scenario = scenario;
        Scheduler = scheduler;
        Options = options;
        _inputs = inputs;
    }

    /// <summary>The scenario being played.</summary>
    public MarbleScenario Scenario { get; }

    /// <summary>The virtual-time scheduler (Microsoft.Reactive.Testing) every timer must use.</summary>
    public TestScheduler Scheduler { get; }

    /// <summary>The same virtual clock as a <see cref="System.TimeProvider"/>.</summary>
    public VirtualTimeProvider TimeProvider => Scheduler.TimeProvider;

    /// <summary>The scenario's options; those never read are reported as a failure.</summary>
    public MarbleOptions Options { get; }

    /// <summary>The scenario's frame length.</summary>
    public TimeSpan Frame => Scenario.Frame;

    /// <summary>The names of the scenario's inputs.</summary>
    public IEnumerable<string> InputNames => _inputs.Keys;

    internal IEnumerable<string> UnusedInputs => _inputs.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal);

    /// <summary>The named input stream (its values are the legend's values), with its subscription log.</summary>
    /// <param name="name">The name after <c>hot</c> or <c>cold</c>.</param>
    /// <returns>The input.</returns>
    /// <exception cref="KeyNotFoundException">The scenario has no such input; the message lists the inputs it has.</exception>
    public ITestableObservable<object> Input(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_inputs.TryGetValue(name, out var input))
        {
            throw new KeyNotFoundException(
                $"{Scenario.Source}: subject '{Scenario.Subject}' needs an input line 'hot {name}:' or 'cold {name}:'; the file has: {Describe(_inputs.Keys)}.");
        }

        _used.Add(name);
        return input;
    }

    /// <summary>Whether the scenario has the named input (does not count as using it).</summary>
    /// <param name="name">The input's name.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool HasInput(string name) => _inputs.ContainsKey(name);

    private static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "no inputs";
}
