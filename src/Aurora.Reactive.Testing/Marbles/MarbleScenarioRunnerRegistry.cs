using System.Reflection;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>The scenario runners by subject.</summary>
public sealed class MarbleScenarioRunnerRegistry
{
    private readonly Dictionary<string, IMarbleScenarioRunner> _runners = new(StringComparer.Ordinal);

    /// <summary>Creates a registry.</summary>
    /// <param name="runners">The runners; subjects must be unique.</param>
    /// <exception cref="ArgumentNullException"><paramref name="runners"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two runners have the same subject.</exception>
    public MarbleScenarioRunnerRegistry(IEnumerable<IMarbleScenarioRunner> runners)
    {
        ArgumentNullException.ThrowIfNull(runners);
        foreach (var runner in runners)
        {
            if (!_runners.TryAdd(runner.Subject, runner))
            {
                throw new ArgumentException(
                    $"Two scenario runners play subject '{runner.Subject}': {_runners[runner.Subject].GetType().FullName} and {runner.GetType().FullName}.",
                    nameof(runners));
            }
        }
    }

    /// <summary>The subjects known, sorted.</summary>
    public IReadOnlyList<string> Subjects => _runners.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A registry of every concrete class in <paramref name="assembly"/> that implements
    /// <see cref="IMarbleScenarioRunner"/> and has a parameterless constructor.
    /// </summary>
    /// <param name="assembly">Usually the test assembly.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assembly"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two runners have the same subject.</exception>
    public static MarbleScenarioRunnerRegistry FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var runners = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                && typeof(IMarbleScenarioRunner).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IMarbleScenarioRunner)Activator.CreateInstance(t, nonPublic: true)!);
        return new MarbleScenarioRunnerRegistry(runners);
    }

    /// <summary>The runner of <paramref name="subject"/>.</summary>
    /// <param name="subject">The scenario's subject.</param>
    /// <returns>The runner.</returns>
    /// <exception cref="KeyNotFoundException">No runner plays that subject; the message lists the known subjects.</exception>
    public IMarbleScenarioRunner Get(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _runners.TryGetValue(subject, out var runner)
            ? runner
            : throw new KeyNotFoundException(
                $"No marble scenario runner plays subject '{subject}'. Known subjects: {(_runners.Count == 0 ? "none" : string.Join(", ", Subjects))}. "
                + $"Fix the 'subject:' line, or add a class implementing {nameof(IMarbleScenarioRunner)} whose Subject is \"{subject}\".");
    }
}
