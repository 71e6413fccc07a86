using System.Diagnostics;
using Aurora.Reactive.Chaos;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Chaos;

/// <summary>
/// The short chaos run of issue 16 (the benchmark suite <c>chaos</c> runs the same engine with 12 drawn faults):
/// a writer crash, a writer freeze and a switchover while AuroraClient and AuroraDataSource write at once.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class ShortChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashFreezeSwitchover_UnderBothClients_NoWriteLostDoubledOrHungAndNoSessionLeftOneSecondAfterTheDispose()
    {
        var plan = new ChaosPlan
        {
            Seed = 16,
            Faults = [ChaosFaultKind.WriterCrash, ChaosFaultKind.WriterFreeze, ChaosFaultKind.Switchover],
            WorkersPerKind = 3,
            MinSteady = TimeSpan.FromSeconds(0.5),
            MaxSteady = TimeSpan.FromSeconds(1),
        };
        var clock = Stopwatch.StartNew();

        var result = await ChaosRun.RunAsync(plan, line => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {line}"), CancellationToken.None);

        foreach (var tally in result.Tallies)
        {
            output.WriteLine(tally.ToString());
        }

        foreach (var example in result.Examples)
        {
            output.WriteLine("against the run: " + example);
        }

        Assert.Equal(plan.Faults, result.Faults.Select(f => f.Kind));
        Assert.All(result.Tallies, t => Assert.True(t.Acknowledged > 0, $"{t.Kind} acknowledged no write"));
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Doubled);
        Assert.Equal(0, result.Hung);
        Assert.True(result.LeftoverSessions == 0, $"sessions left {plan.SessionDeadline.TotalSeconds} s after the dispose: {result.LeftoverDescription}");

        // Every fault was followed by writes of both kinds on the new writer (a kind that never wrote again is not "0 lost").
        Assert.All(result.Faults, f => Assert.All(f.Downtime, d => Assert.True(d.Value is not null, $"fault {f.Number} ({f.Kind}): {d.Key} did not write within {plan.DowntimeCap.TotalSeconds} s")));
    }
}
