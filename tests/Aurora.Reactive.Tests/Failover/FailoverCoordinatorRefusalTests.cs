using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.VirtualTime;
using Npgsql;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>A node that refuses the connection itself (a client or configuration error) ends the failover at once.</summary>
public sealed class FailoverCoordinatorRefusalTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Answer = TimeSpan.FromMilliseconds(300);
    private static readonly FailoverTiming Timing = new() { Timeout = TimeSpan.FromSeconds(60) };

    // As AuroraConnection judges an attempt's error over Npgsql.
    private static bool IsNodeFailure(Exception error) => NpgsqlErrorClassifier.Instance.Classify(error) != DriverErrorKind.NotFailover;

    // Every node answers after Answer with the same server error.
    private static PostgresException RefuseEverywhere(FailoverHarness harness, string message, string sqlState)
    {
        var refusal = new PostgresException(message, "FATAL", "FATAL", sqlState);
        foreach (var node in harness.Cluster.Nodes)
        {
            node.Delay = Answer;
            node.Failure = refusal;
        }

        return refusal;
    }

    [Fact]
    public void FailOverAsync_EveryNodeRefusesTheDatabase_FailsAtTheFirstRefusalWithTheDriversError()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, timing: Timing);
        scheduler.AdvanceBy(Second);
        var refusal = RefuseEverywhere(harness, "database \"app\" does not exist", PostgresErrorCodes.InvalidCatalogName);

        var failover = harness.FailOver(harness.Writer("instance-1"), isNodeFailure: IsNodeFailure);
        scheduler.AdvanceBy(Answer - TimeSpan.FromMilliseconds(1));
        Assert.False(failover.IsCompleted);
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(2));

        Assert.True(failover.IsCompleted, "the failover still runs after the node refused");
        Assert.False(failover.Done().Succeeded);
        Assert.Same(refusal, failover.Done().FailureReason);
        Assert.Contains("instance-1 refused the connection", failover.Done().FailureMessage, StringComparison.Ordinal);
        Assert.InRange(harness.Reports.Single().Duration, Answer, Answer + TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, harness.Connector.AttemptCount);
        Assert.Equal(0, harness.Connector.OpenConnections);
    }

    [Fact]
    public void FailOverAsync_ReaderOrWriter_EveryNodeRefusesThePassword_FailsAtTheFirstRefusal()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, mode: FailoverMode.ReaderOrWriter, timing: Timing);
        scheduler.AdvanceBy(Second);
        var refusal = RefuseEverywhere(harness, "password authentication failed for user \"app\"", PostgresErrorCodes.InvalidPassword);

        var failover = harness.FailOver(harness.Writer("instance-1"), isNodeFailure: IsNodeFailure);
        scheduler.AdvanceBy(Answer + TimeSpan.FromMilliseconds(1));

        Assert.True(failover.IsCompleted, "the failover still runs after every node refused");
        Assert.Same(refusal, failover.Done().FailureReason);
        Assert.InRange(harness.Reports.Single().Duration, Answer, Answer + TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void FailOverAsync_OldWriterRefusesTransientlyAndTheNewWriterAccepts_Succeeds()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, timing: Timing);
        scheduler.AdvanceBy(Second);

        // 57P03 (the database system is starting up) is a server error too, but the driver calls it a node failure: retried.
        harness.Cluster.Node("instance-1").Failure = new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow);
        var failover = harness.FailOver(harness.Writer("instance-1"), isNodeFailure: IsNodeFailure);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(3));
        Assert.False(failover.IsCompleted);
        harness.Cluster.Failover("instance-2");
        scheduler.AdvanceBy(TimeSpan.FromSeconds(3));

        Assert.True(failover.IsCompleted, "the failover still runs after instance-2 was promoted");
        Assert.True(failover.Done().Succeeded);
        Assert.Equal("instance-2", failover.Done().Host!.InstanceId);
        Assert.True(harness.Connector.AttemptCount >= 3, $"instance-1 was not retried ({harness.Connector.AttemptCount} attempts)");
    }
}
