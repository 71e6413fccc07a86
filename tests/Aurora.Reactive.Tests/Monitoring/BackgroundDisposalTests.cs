using System.Collections.Concurrent;
using System.Data.Common;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Scheduling;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>
/// A monitoring connection with no operation in flight is closed at once, on the disposing thread; only one abandoned
/// in the middle of a probe is closed on the hand-off, once its statement has ended. The hand-off here runs only what the test drains, so a close
/// queued behind it (as behind a thread pool short of threads) shows as a connection still open.
/// </summary>
public sealed class BackgroundDisposalTests : IDisposable
{
    private static readonly FailureDetectionSettings Settings = FailureDetectionSettings.FromMilliseconds(6000, 1000, 1);
    private static readonly HostSpec Host = new("node-1.example", 5432, "node-1");
    private readonly VirtualClock _clock = new();
    private readonly FakeConnectionFactory _connections = new($"Host={Host.Host};Port={Host.Port}");
    private readonly ConcurrentQueue<Action> _handOffs = new();
    private readonly SemaphoreSlim _posted = new(0);

    public void Dispose()
    {
        _connections.Dispose();
        _posted.Dispose();
    }

    [Fact]
    public void SelectOne_MonitorDisposedAfterAnAnsweredProbe_ItsConnectionIsClosedBeforeDisposeReturns()
    {
        var monitor = Monitor(ProbeMethod.SelectOne);
        using (monitor.WatchCommand(VirtualClock.At(0)).Subscribe())
        {
            AdvanceTo(6.5); // opened at 5 s, probed at 6 s
        }

        Assert.Equal(HostHealthStatus.Healthy, monitor.CurrentHealth.Status);
        var connection = Assert.Single(_connections.Created);
        Assert.False(connection.IsDisposed);

        monitor.Dispose();

        Assert.True(connection.IsDisposed, "the idle monitoring connection was closed by the dispose itself");
        Assert.Empty(_handOffs);
    }

    [Fact]
    public void Connect_ProbeAnswered_ItsConnectionIsClosedAtOnceNotOnTheHandOff()
    {
        using var monitor = Monitor(ProbeMethod.Connect);
        using var command = monitor.WatchCommand(VirtualClock.At(0)).Subscribe();

        AdvanceTo(5.5); // the warm-up's connection at 5 s

        _clock.AdvanceTo(6.05); // the probe's at 6 s, with nothing handed off run since

        Assert.Equal(2, _connections.Created.Count);
        Assert.All(_connections.Created, c => Assert.True(c.IsDisposed));
        Drain();
        Assert.Equal(HostHealthStatus.Healthy, monitor.CurrentHealth.Status);
    }

    [Fact]
    public async Task SelectOne_ProbeAbandonedMidStatement_ItsConnectionIsClosedOnTheHandOffOnceTheStatementEnded()
    {
        using var monitor = Monitor(ProbeMethod.SelectOne);
        using var command = monitor.WatchCommand(VirtualClock.At(0)).Subscribe();
        AdvanceTo(5.5);
        _connections.Freeze(Host);

        _clock.AdvanceTo(7.5); // the 6 s probe's statement hangs and times out at 7 s; nothing handed off runs meanwhile

        Assert.Equal(HostHealthStatus.Unhealthy, monitor.CurrentHealth.Status);
        var connection = Assert.Single(_connections.Created);
        Assert.False(connection.IsDisposed, "a connection is not closed while its statement runs (Npgsql refuses to)");
        Drain();
        Assert.False(connection.IsDisposed);
        _connections.Thaw(Host); // the statement ends (the driver's backstop would end it on a frozen host)

        // The close follows on the hand-off, from whichever thread ended the statement: wait for its post.
        while (!connection.IsDisposed)
        {
            Assert.True(await _posted.WaitAsync(TimeSpan.FromSeconds(30)), "the close was handed off");
            Drain();
        }
    }

    private HostMonitor Monitor(ProbeMethod method) =>
        new(Host, Settings, HostProbers.Create(method, OpenAsync, HandOff.Through(Post)), _clock.Scheduler);

    // Each step of virtual time runs the hand-offs it caused (a probe's outcome reaches the monitor through one).
    private void AdvanceTo(double seconds)
    {
        for (var at = VirtualClock.SecondsOf(_clock.Now) + 0.1; at < seconds; at += 0.1)
        {
            _clock.AdvanceTo(at);
            Drain();
        }

        _clock.AdvanceTo(seconds);
        Drain();
    }

    private void Post(Action work)
    {
        _handOffs.Enqueue(work);
        _posted.Release();
    }

    private void Drain()
    {
        while (_handOffs.TryDequeue(out var next))
        {
            next();
        }
    }

    private async Task<DbConnection> OpenAsync(HostSpec host, CancellationToken cancellation)
    {
        var connection = _connections.CreateConnection(host);
        await connection.OpenAsync(cancellation);
        return connection;
    }
}
