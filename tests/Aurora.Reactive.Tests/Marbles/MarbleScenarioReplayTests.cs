using System.Diagnostics;
using Aurora.Reactive.Testing.Marbles;
using Xunit.Abstractions;

namespace Aurora.Reactive.Tests.Marbles;

/// <summary>Replays every scenario file under marbles/: adding a scenario is adding a file.</summary>
public sealed class MarbleScenarioReplayTests(ITestOutputHelper output)
{
    private const string EndToEndFolder = "marbles/end-to-end/";

    private static readonly MarbleScenarioRunnerRegistry Runners = MarbleScenarioRunnerRegistry.FromAssembly(typeof(MarbleScenarioReplayTests).Assembly);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        // marbles/end-to-end/ is EndToEndScenarioTests' to replay (on a thread of its own, so the run is single-threaded).
        foreach (var path in MarbleScenarioFiles.RelativePaths().Where(p => !p.StartsWith(EndToEndFolder, StringComparison.Ordinal)))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Replay(string file)
    {
        var scenario = MarbleScenario.Load(Path.Combine(MarbleScenarioFiles.RepositoryRoot(), file), file);
        var stopwatch = Stopwatch.StartNew();

        var result = MarbleScenarioPlayer.Play(scenario, Runners);

        stopwatch.Stop();
        output.WriteLine($"{scenario}");
        foreach (var (name, line) in result.ActualLines)
        {
            output.WriteLine($"  {name}: {line}");
        }

        output.WriteLine($"  {MarbleDuration.Format(result.Observed)} of virtual time replayed in {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public void Files_UnderMarblesFolder_AreFound()
    {
        var files = MarbleScenarioFiles.RelativePaths();

        Assert.Contains("marbles/rx/timeout.marble", files);
        Assert.Contains("marbles/end-to-end/crash-mid-query.marble", files);
        Assert.DoesNotContain(Files().Cast<object[]>(), row => ((string)row[0]).StartsWith(EndToEndFolder, StringComparison.Ordinal));
        Assert.All(files, f => Assert.StartsWith("marbles/", f, StringComparison.Ordinal));
    }
}
