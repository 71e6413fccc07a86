using System.Data;
using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.Connections;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// A long query (<c>SELECT pg_sleep(60)</c>) through an <see cref="AuroraConnection"/> on a real node that
/// freezes, crashes or loses its network shortly after the query started: enhanced failure monitoring
/// (2000/1000/2) releases the caller within time + count x interval of the query's start, whatever the
/// driver is still doing. Each test prints the time from the fault to the release next to the bound.
/// </summary>
[Collection(MonitoredDataSource.TimingCollection)]
public sealed class CommandReleaseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly FailureDetectionSettings Detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 2);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);
    private LocalPostgresCluster? _cluster;

    private LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster did not start.");

    public async Task InitializeAsync() =>
        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Freeze_DuringLongQueryWithoutFailover_ReleasedWithHostUnavailableAndBroken()
    {
        var writer = Cluster.Writer;
        await using var dataSource = MonitoredDataSource.Create(writer, MonitoredDataSource.ShortDetection);
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var (error, sinceFault, sinceStart) = await RunAndFaultAsync(connection, () => Cluster.FreezeAsync(writer));

            Report("freeze, monitoring only", error, sinceFault, sinceStart);
            var unavailable = Assert.IsType<HostUnavailableException>(error);
            Assert.Equal(writer.Port, unavailable.Host.Port);
            Assert.Equal(ConnectionState.Broken, connection.State);
            Assert.InRange(sinceStart, Detection.Time, Detection.DeadAfterFrozen + Margin);
        }
        finally
        {
            await Cluster.ThawAsync(writer);
        }
    }

    [Fact]
    public async Task Freeze_DuringLongQueryWithFailover_CallerGetsTheFailoverOutcomeOnTheOtherNode()
    {
        var writer = Cluster.Writer;
        var reader = Cluster.Readers[0];
        var handler = new NodeFailoverHandler { RequireWriter = false, Timeout = TimeSpan.FromSeconds(10) };
        handler.MoveTo(reader);
        await using var dataSource = MonitoredDataSource.Create(writer, MonitoredDataSource.ShortDetection, handler);
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var (error, sinceFault, sinceStart) = await RunAndFaultAsync(connection, () => Cluster.FreezeAsync(writer));

            Report("freeze, monitoring + failover (test handler to the reader)", error, sinceFault, sinceStart);
            var failover = Assert.IsType<FailoverSuccessException>(error);
            var verdict = Assert.IsType<HostUnavailableException>(failover.InnerException).Verdict;
            ReportFailover(verdict, sinceStart);
            Assert.Equal(reader.Port, connection.CurrentHost!.Port);
            await using var command = new AuroraCommand("SELECT 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync());
            Assert.InRange(verdict.SinceCommandStart, Detection.Time, Detection.DeadAfterFrozen + Margin);
        }
        finally
        {
            await Cluster.ThawAsync(writer);
        }
    }

    [Fact]
    public async Task Crash_DuringLongQueryWithFailover_ReleasedWithinTheBoundAndFailsOver()
    {
        var writer = Cluster.Writer;
        var reader = Cluster.Readers[0];
        var handler = new NodeFailoverHandler { RequireWriter = false, Timeout = TimeSpan.FromSeconds(10) };
        handler.MoveTo(reader);
        await using var dataSource = MonitoredDataSource.Create(writer, MonitoredDataSource.ShortDetection, handler);
        await using var connection = await dataSource.OpenConnectionAsync();

        var (error, sinceFault, sinceStart) = await RunAndFaultAsync(connection, () => Cluster.CrashAsync(writer));

        // A crash closes the sockets, so the driver itself may fail first; either way the caller is released and fails over.
        Report("crash, monitoring + failover (test handler to the reader)", error, sinceFault, sinceStart);
        Assert.IsType<FailoverSuccessException>(error);
        Assert.Equal(reader.Port, connection.CurrentHost!.Port);
        Assert.InRange(sinceStart, TimeSpan.Zero, Detection.DeadAfterFrozen + Margin);
    }

    [Fact]
    public async Task NetworkBlackholed_DuringLongQueryWithFailover_ReleasedAndFailsOver()
    {
        var writer = Cluster.Writer;
        var reader = Cluster.Readers[0];
        var handler = new NodeFailoverHandler { RequireWriter = false, Timeout = TimeSpan.FromSeconds(10) };
        handler.MoveTo(reader);
        await using var dataSource = MonitoredDataSource.Create(writer, MonitoredDataSource.ShortDetection, handler);
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var (error, sinceFault, sinceStart) = await RunAndFaultAsync(connection, () => Cluster.CutNetworkAsync(writer, NetworkCutMode.Blackhole));

            Report("network blackholed, monitoring + failover (test handler to the reader)", error, sinceFault, sinceStart);
            var failover = Assert.IsType<FailoverSuccessException>(error);
            var verdict = Assert.IsType<HostUnavailableException>(failover.InnerException).Verdict;
            ReportFailover(verdict, sinceStart);
            Assert.Equal(reader.Port, connection.CurrentHost!.Port);
            Assert.InRange(verdict.SinceCommandStart, Detection.Time, Detection.DeadAfterFrozen + Margin);
        }
        finally
        {
            await Cluster.RestoreNetworkAsync(writer);
        }
    }

    [Fact]
    public async Task NetworkBlackholed_DuringLongQuery_ReleasedWithHostUnavailableWithinTheBound()
    {
        var writer = Cluster.Writer;
        await using var dataSource = MonitoredDataSource.Create(writer, MonitoredDataSource.ShortDetection);
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var (error, sinceFault, sinceStart) = await RunAndFaultAsync(connection, () => Cluster.CutNetworkAsync(writer, NetworkCutMode.Blackhole));

            Report("network blackholed, monitoring only", error, sinceFault, sinceStart);
            Assert.IsType<HostUnavailableException>(error);
            Assert.Equal(ConnectionState.Broken, connection.State);
            Assert.InRange(sinceStart, Detection.Time, Detection.DeadAfterFrozen + Margin);
        }
        finally
        {
            await Cluster.RestoreNetworkAsync(writer);
        }
    }

    [Fact]
    public async Task Freeze_DuringSynchronousLongQuery_ReleasedToo()
    {
        var writer = Cluster.Writer;
        await using var dataSource = MonitoredDataSource.Create(writer, MonitoredDataSource.ShortDetection);
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var (error, sinceFault, sinceStart) = await RunAndFaultAsync(
                connection, () => Cluster.FreezeAsync(writer), command => Task.Run(() => command.ExecuteScalar()));

            Report("freeze, synchronous ExecuteScalar, monitoring only", error, sinceFault, sinceStart);
            Assert.IsType<HostUnavailableException>(error);
            Assert.InRange(sinceStart, Detection.Time, Detection.DeadAfterFrozen + Margin);
        }
        finally
        {
            await Cluster.ThawAsync(writer);
        }
    }

    /// <summary>Starts <c>pg_sleep(60)</c>, lets it run 500 ms, injects the fault and awaits the release.</summary>
    private static async Task<(Exception? Error, TimeSpan SinceFault, TimeSpan SinceStart)> RunAndFaultAsync(
        AuroraConnection connection, Func<Task> fault, Func<AuroraCommand, Task>? run = null)
    {
        await using var command = new AuroraCommand("SELECT pg_sleep(60)", connection) { CommandTimeout = 0 };
        var sinceStart = Stopwatch.StartNew();
        var running = run is null ? command.ExecuteNonQueryAsync() : run(command);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(running.IsCompleted);
        await fault();
        var sinceFault = Stopwatch.StartNew();
        var (error, releasedAfter) = await MonitoredDataSource.ReleaseAsync(running, sinceFault);
        return (error, releasedAfter, sinceStart.Elapsed);
    }

    /// <summary>With failover the caller is released after the failover too: prints the verdict's time and the failover's share.</summary>
    private void ReportFailover(HostDeclaredDead verdict, TimeSpan sinceStart) =>
        output.WriteLine(
            $"  of which: declared dead {verdict.SinceCommandStart.TotalMilliseconds:0} ms after the start (bound {Detection.DeadAfterFrozen.TotalMilliseconds:0} ms), "
            + $"failover to the caller's release {(sinceStart - verdict.SinceCommandStart).TotalMilliseconds:0} ms");

    private void Report(string scenario, Exception? error, TimeSpan sinceFault, TimeSpan sinceStart) =>
        output.WriteLine(
            $"{scenario}, {Detection}: released {sinceFault.TotalMilliseconds:0} ms after the fault ({sinceStart.TotalMilliseconds:0} ms after the query started; fault 500 ms after the start); "
            + $"bound time + count x interval = {Detection.DeadAfterFrozen.TotalMilliseconds:0} ms after the start, + {Margin.TotalMilliseconds:0} ms margin; "
            + $"caller got {error?.GetType().Name ?? "no error"}: {error?.Message}");
}
