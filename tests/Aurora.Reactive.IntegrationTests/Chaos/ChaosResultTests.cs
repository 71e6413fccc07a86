using Aurora.Reactive.Chaos;

namespace Aurora.Reactive.IntegrationTests.Chaos;

/// <summary>What makes a chaos run fail (no cluster): the suite's exit code and the CI test rest on it.</summary>
public sealed class ChaosResultTests
{
    private static readonly ChaosPlan Plan = new() { Seed = 1, Faults = [ChaosFaultKind.WriterCrash] };

    [Fact]
    public void Failures_CleanRun_None()
    {
        Assert.Empty(Result(new ChaosKindTally("AuroraClient", 100, 0, 0, 2, 1, 3, 0, 0), leftover: 0).Failures);
    }

    [Theory]
    [InlineData(1, 0, 0, 0, "1 acknowledged write(s) lost")]
    [InlineData(0, 2, 0, 0, "2 write(s) applied more than once")]
    [InlineData(0, 0, 1, 0, "1 call(s) hung past 60 s")]
    [InlineData(0, 0, 0, 3, "3 session(s) left 1 s after the dispose")]
    public void Failures_LostDoubledHungOrLeftover_Named(long lost, long doubled, long hung, long leftover, string expected)
    {
        var failures = Result(new ChaosKindTally("AuroraDataSource", 100, lost, doubled, 0, 0, 0, 0, hung), leftover).Failures;

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.Single(failures);
    }

    [Fact]
    public void Failures_UnknownOrFailedWrites_AreNotFailures()
    {
        // An unknown outcome present or absent, and a failed write, are what the application was told; they are counted, not failed.
        Assert.Empty(Result(new ChaosKindTally("AuroraDataSource", 10, 0, 0, 5, 5, 5, 0, 0), leftover: 0).Failures);
    }

    private static ChaosResult Result(ChaosKindTally tally, long leftover) =>
        new(Plan, [], [tally], "instance-2", 0.01, leftover, leftover == 0 ? 0.1 : null, leftover == 0 ? "none" : "instance-1: aurora-chaos idle", 10, []);
}
