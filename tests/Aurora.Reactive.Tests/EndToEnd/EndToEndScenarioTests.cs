using System.Diagnostics;
using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Tests.Marbles;
using Aurora.Reactive.Testing.Simulation;
using Xunit.Abstractions;

namespace Aurora.Reactive.Tests.EndToEnd;

/// <summary>
/// The whole failover path in virtual time: each file of <c>marbles/end-to-end/</c> replayed through a real data source
/// (builder, connection, command, coordinator, topology monitor, host monitors) over a simulated cluster, with the
/// exact virtual time of every outcome.
/// </summary>
public sealed class EndToEndScenarioTests(ITestOutputHelper output)
{
    private static readonly MarbleScenarioRunnerRegistry Runners = MarbleScenarioRunnerRegistry.FromAssembly(typeof(EndToEndScenarioTests).Assembly);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in MarbleScenarioFiles.RelativePaths().Where(p => p.StartsWith("marbles/end-to-end/", StringComparison.Ordinal)))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Replay(string file)
    {
        var result = Play(file, out var elapsed);

        foreach (var (name, line) in result.ActualLines)
        {
            output.WriteLine($"  {name}: {line}");
        }

        output.WriteLine($"  {MarbleDuration.Format(result.Observed)} of virtual time replayed in {elapsed.TotalMilliseconds:0.0} ms");
    }

    // The wall-clock time is printed, not asserted: a bound on it fails under load and says nothing about the library.
    [Fact]
    public void EveryNodeDown_300SecondsOfVirtualTime_ReplayedToTheEnd()
    {
        var result = Play("marbles/end-to-end/all-nodes-down.marble", out var elapsed);

        output.WriteLine($"{MarbleDuration.Format(result.Observed)} of virtual time replayed in {elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(result.Observed >= TimeSpan.FromSeconds(300), $"only {MarbleDuration.Format(result.Observed)} of virtual time was observed");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Replay_NothingRunsOffTheDrivingThread(string file)
    {
        var stacks = new Dictionary<string, int>();
        for (var run = 0; run < 20; run++)
        {
            var clusters = new List<SimulatedCluster>();
            try
            {
                Play(file, out _, clusters);
            }
            catch (MarbleAssertionException)
            {
                // The outcome is Replay's to assert; this test is about the threads.
            }

            foreach (var (stack, count) in clusters.SelectMany(c => c.Threads.OffThreadStacks))
            {
                stacks[stack] = stacks.GetValueOrDefault(stack) + count;
            }
        }

        foreach (var (stack, count) in stacks)
        {
            output.WriteLine($"--- {count} x {stack}");
        }

        Assert.Empty(stacks);
    }

    // On a thread of its own: no test framework's synchronization context or task scheduler, under which an awaiter the
    // clock completes would continue on the thread pool instead of inline, so the run is single-threaded.
    private static MarbleScenarioResult Play(string file, out TimeSpan elapsed, List<SimulatedCluster>? clusters = null)
    {
        var scenario = MarbleScenario.Load(Path.Combine(MarbleScenarioFiles.RepositoryRoot(), file), file);
        MarbleScenarioResult? result = null;
        Exception? failure = null;
        var took = TimeSpan.Zero;
        var thread = new Thread(() =>
        {
            EndToEndRunner.Created = clusters;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                result = MarbleScenarioPlayer.Play(scenario, Runners);
            }
            catch (Exception error)
            {
                failure = error;
            }

            took = stopwatch.Elapsed;
        });
        thread.Start();
        thread.Join();
        elapsed = took;
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return result!;
    }
}
