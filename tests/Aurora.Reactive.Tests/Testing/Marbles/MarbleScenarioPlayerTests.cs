using System.Reactive.Linq;
using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleScenarioPlayerTests
{
    private static readonly IMarbleScenarioRunner Doubler = new DelegateRunner("test.double", context => new Dictionary<string, IObservable<object>>
    {
        ["out"] = context.Input("source").Select(v => (object)((long)v * context.Options.GetInt32("factor"))),
    });

    private static MarbleScenarioRegistryFixture Registry => new(Doubler);

    [Fact]
    public void Play_MatchingScenario_ReturnsTheActualLines()
    {
        var scenario = MarbleScenario.Parse("subject: test.double\noptions: factor=2\nhot source: -a^-a-b|\nexpect out:    --b-d|\nlegend: a=1 b=2 d=4", "ok.marble");

        var result = MarbleScenarioPlayer.Play(scenario, Registry.Runners);

        Assert.Equal("--b-d|", result.ActualLines["out"]);
        Assert.Equal(TimeSpan.FromMilliseconds(6), result.Observed);
    }

    [Fact]
    public void Play_IntegerResultsAgainstLegendNumbers_CompareByValue()
    {
        var runner = new DelegateRunner("test.int", context => new Dictionary<string, IObservable<object>>
        {
            ["out"] = context.Input("source").Select(_ => (object)4),
        });
        var scenario = MarbleScenario.Parse("subject: test.int\ncold source: -a|\nexpect out: -d|\nlegend: d=4.0", "int.marble");

        MarbleScenarioPlayer.Play(scenario, runner);
    }

    [Fact]
    public void Play_WrongExpectation_ThrowsTheMarbleDiffWithFileAndTitle()
    {
        var scenario = MarbleScenario.Parse("title: doubling\nsubject: test.double\noptions: factor=3\ncold source: -a|\nexpect out: -b|\nlegend: a=1 b=2", "wrong.marble");

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleScenarioPlayer.Play(scenario, Registry.Runners));

        Assert.StartsWith("wrong.marble (test.double): doubling", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected: -b|", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual:   -A|", error.Message, StringComparison.Ordinal);
        Assert.Contains("not in the legend: A=3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_UnknownSubject_ThrowsNamingTheFileTheSubjectAndTheKnownSubjects()
    {
        var scenario = MarbleScenario.Parse("subject: efm.nothing\nexpect out: -a", "unknown.marble");

        var error = Assert.Throws<KeyNotFoundException>(() => MarbleScenarioPlayer.Play(scenario, Registry.Runners));

        Assert.Contains("unknown.marble", error.Message, StringComparison.Ordinal);
        Assert.Contains("No marble scenario runner plays subject 'efm.nothing'. Known subjects: test.double.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_MissingInput_ThrowsNamingTheInputTheRunnerNeeds()
    {
        var scenario = MarbleScenario.Parse("subject: test.double\noptions: factor=2\ncold src: -a\nexpect out: -b", "missing.marble");

        var error = Assert.Throws<KeyNotFoundException>(() => MarbleScenarioPlayer.Play(scenario, Registry.Runners));

        Assert.Contains("needs an input line 'hot source:' or 'cold source:'; the file has: src", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_UnreadOptionAndUnusedInput_ThrowsNamingThem()
    {
        var scenario = MarbleScenario.Parse("subject: test.double\noptions: factor=2 factr=3\ncold source: -a\ncold extra: -a\nexpect out: -b\nlegend: a=1 b=2", "typo.marble");

        var error = Assert.Throws<InvalidOperationException>(() => MarbleScenarioPlayer.Play(scenario, Registry.Runners));

        Assert.Contains("never read option(s) factr", error.Message, StringComparison.Ordinal);
        Assert.Contains("never used input(s) extra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_ExpectationWithoutOutput_ThrowsNamingTheOutputs()
    {
        var scenario = MarbleScenario.Parse("subject: test.double\noptions: factor=2\ncold source: -a\nexpect health: -b", "out.marble");

        var error = Assert.Throws<InvalidOperationException>(() => MarbleScenarioPlayer.Play(scenario, Registry.Runners));

        Assert.Contains("no output named 'health'; its outputs: out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_InputErrorFromLegend_ReachesTheOutputAsThatExceptionType()
    {
        var scenario = MarbleScenario.Parse(
            "subject: test.double\noptions: factor=2\ncold source: -a-#\nexpect out: -b-#\nlegend: a=1 b=2 #=System.IO.IOException: reset",
            "error.marble");

        MarbleScenarioPlayer.Play(scenario, Registry.Runners);
    }

    [Fact]
    public void Play_SubscriptionLogDiffers_ThrowsDrawingTheLogs()
    {
        var scenario = MarbleScenario.Parse(
            "subject: test.double\noptions: factor=2\ncold source: -a|\nexpect out: -b|\nsubs source: ^-----!\nlegend: a=1 b=2",
            "subs.marble");

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleScenarioPlayer.Play(scenario, Registry.Runners));

        Assert.Contains("expected: ^-----!", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual:   ^-!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_TwoRunnersWithOneSubject_ThrowsNamingTheSubject()
    {
        var error = Assert.Throws<ArgumentException>(() => new MarbleScenarioRunnerRegistry([Doubler, Doubler]));

        Assert.Contains("'test.double'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_FromTestAssembly_FindsTheRxRunners()
    {
        var registry = MarbleScenarioRunnerRegistry.FromAssembly(typeof(MarbleScenarioPlayerTests).Assembly);

        Assert.Superset(new HashSet<string> { "rx.timeout", "rx.debounce", "rx.retry-backoff" }, registry.Subjects.ToHashSet());
    }

    private sealed record MarbleScenarioRegistryFixture(IMarbleScenarioRunner Runner)
    {
        public MarbleScenarioRunnerRegistry Runners => new([Runner]);
    }
}
