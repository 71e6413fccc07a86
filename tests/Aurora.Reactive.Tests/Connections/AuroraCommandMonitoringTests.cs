using System.Data;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Connections;

/// <summary>
/// Enhanced failure monitoring through the real command path, on a virtual clock with simulated probes:
/// 2000/1000/2, so a command started at 0 on a frozen node is declared dead at exactly 4 s.
/// </summary>
public sealed class AuroraCommandMonitoringTests
{
    private static readonly FailureDetectionSettings Detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 2, 10_000);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ExecuteNonQueryAsync_FrozenNodeWithoutFailover_ReleasedAtTimePlusCountIntervalsWithHostUnavailable()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        var physical = monitored.Cluster.PhysicalOf(connection);
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT pg_sleep(60)", connection);

        var running = command.ExecuteNonQueryAsync();
        monitored.AdvanceTo(3.999);
        Assert.False(running.IsCompleted);
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));
        Assert.Equal(MonitoredCluster.At(4), error.Verdict.DeclaredAt);
        Assert.Equal(Detection.DeadAfterFrozen, error.Verdict.SinceCommandStart);
        Assert.Equal(2, error.Verdict.FailedProbes);
        Assert.Equal("08006", error.SqlState);
        Assert.Contains("n1:5432", error.Message, StringComparison.Ordinal);
        Assert.Contains("failure_detection_time_ms=2000", error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(ConnectionState.Broken, connection.State);
        await physical.DisposedTask.WaitAsync(Safety);
    }

    [Fact]
    public async Task BrokenConnection_NextCommand_ThrowsNamingTheDeadNode_AndReopenWorks()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT 1", connection);
        var running = command.ExecuteScalarAsync();
        monitored.AdvanceTo(4);
        await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));

        var next = Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
        Assert.Contains("n1:5432", next.Message, StringComparison.Ordinal);
        Assert.Contains("declared dead", next.Message, StringComparison.Ordinal);

        monitored.Cluster.Factory.Thaw(FakeCluster.Node1);
        await connection.CloseAsync();
        await connection.OpenAsync();
        Assert.Equal("n1", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_FrozenNodeWithFailover_CallerGetsFailoverSuccessOnTheNewNode()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: true, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT pg_sleep(60)", connection);

        var running = command.ExecuteNonQueryAsync();
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => running.WaitAsync(Safety));
        var cause = Assert.IsType<HostUnavailableException>(error.InnerException);
        Assert.Equal(MonitoredCluster.At(4), cause.Verdict.DeclaredAt);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.Equal("n2", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ExecuteScalar_SynchronousCallOnFrozenNode_IsReleasedToo()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT pg_sleep(60)", connection);
        var scheduledBefore = monitored.Clock.Scheduled;

        var running = Task.Run(() => command.ExecuteScalar());
        monitored.Clock.WaitForScheduled(scheduledBefore);
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));
        Assert.Equal(Detection.DeadAfterFrozen, error.Verdict.SinceCommandStart);
        Assert.Equal(ConnectionState.Broken, connection.State);
    }

    [Fact]
    public async Task ReaderRead_SynchronousReadOnFrozenNode_IsReleasedAtTheReadersDeadline()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("STREAM rows", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);

        var reading = Task.Run(reader.Read);
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<HostUnavailableException>(() => reading.WaitAsync(Safety));
        Assert.Equal(MonitoredCluster.At(4), error.Verdict.DeclaredAt);
        Assert.Equal(MonitoredCluster.At(0), error.Verdict.CommandStartedAt);
    }

    [Fact]
    public async Task ReaderReadAsync_FrozenNodeWithFailover_FailsOverAndTheMonitorLosesItsUser()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: true, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("STREAM rows", connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.Default);
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, Assert.Single(monitored.Registry.Monitors).UserCount);
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);

        var reading = reader.ReadAsync();
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => reading.WaitAsync(Safety));
        Assert.IsType<HostUnavailableException>(error.InnerException);
        Assert.Equal(0, Assert.Single(monitored.Registry.Monitors).UserCount);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
    }

    [Fact]
    public async Task OpenReader_IsWatchedUntilClosed()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.OkAfterMs(5));
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("STREAM rows", connection);
        var reader = await command.ExecuteReaderAsync(CommandBehavior.Default);
        var monitor = Assert.Single(monitored.Registry.Monitors);

        monitored.AdvanceTo(5.5);
        var probesWhileOpen = monitor.ProbesStarted;
        await reader.CloseAsync();
        monitored.AdvanceTo(9);

        Assert.Equal(4, probesWhileOpen); // window at 2 s: probes at 2, 3, 4, 5
        Assert.Equal(probesWhileOpen, monitor.ProbesStarted);
        Assert.Equal(0, monitor.UserCount);
    }

    [Fact]
    public async Task CommandThatCompletesAtOnce_StartsNoMonitor()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT 1", connection);

        Assert.Equal("n1", await command.ExecuteScalarAsync());
        Assert.Equal("n1", command.ExecuteScalar());
        monitored.AdvanceTo(60);

        Assert.Empty(monitored.Registry.Monitors);
        Assert.Empty(monitored.Probers);
    }

    [Fact]
    public async Task LongCommandOnHealthyNode_IsNeverReleased_AndTheMonitorIsDisposedAfterItsDelay()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.OkAfterMs(5));
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT pg_sleep(60)", connection);

        var running = command.ExecuteScalarAsync();
        monitored.AdvanceTo(60);
        Assert.False(running.IsCompleted);
        monitored.Cluster.Factory.Thaw(FakeCluster.Node1);
        Assert.Equal("n1", await running.WaitAsync(Safety));
        var monitor = Assert.Single(monitored.Registry.Monitors);
        monitored.AdvanceTo(60 + Detection.DisposalDelay.TotalSeconds + 1);

        Assert.Equal(59, monitor.ProbesStarted); // one a second from 2 s to 60 s
        Assert.Equal(HostHealthStatus.Healthy, monitor.CurrentHealth.Status);
        Assert.True(monitor.IsDisposed);
        Assert.True(Assert.Single(monitored.Probers).IsDisposed);
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task NodeThatRecoversBeforeCount_DoesNotReleaseTheCommand()
    {
        var detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 3);
        await using var monitored = new MonitoredCluster(detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new Aurora.Reactive.Connections.AuroraCommand("SELECT pg_sleep(60)", connection);

        var running = command.ExecuteScalarAsync();
        monitored.AdvanceTo(3.5); // probes at 2 and 3 time out (at 3 and 4); the probe at 4 is answered
        monitored.Answer = SimulatedAnswer.OkAfterMs(5);
        Assert.Single(monitored.Probers).Behavior = monitored.Answer;
        monitored.AdvanceTo(20);

        Assert.False(running.IsCompleted);
        monitored.Cluster.Factory.Thaw(FakeCluster.Node1);
        Assert.Equal("n1", await running.WaitAsync(Safety));
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task CommitAsync_FrozenNodeWithFailover_ThrowsTransactionResolutionUnknown()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: true, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);

        var committing = transaction.CommitAsync();
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => committing.WaitAsync(Safety));
        Assert.IsType<HostUnavailableException>(error.InnerException);
        Assert.True(transaction.IsLost);
    }

    [Fact]
    public async Task Commit_SynchronousOnFrozenNodeWithoutFailover_IsReleasedWithHostUnavailable()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        var scheduledBefore = monitored.Clock.Scheduled;

        var committing = Task.Run(transaction.Commit);
        monitored.Clock.WaitForScheduled(scheduledBefore);
        monitored.AdvanceTo(4);

        await Assert.ThrowsAsync<HostUnavailableException>(() => committing.WaitAsync(Safety));
        Assert.Equal(ConnectionState.Broken, connection.State);
    }
}
