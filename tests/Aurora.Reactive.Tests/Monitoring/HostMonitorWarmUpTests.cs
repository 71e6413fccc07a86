using System.Data.Common;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>The monitoring connection is opened one probe timeout before a command's window, not inside its first probe.</summary>
public sealed class HostMonitorWarmUpTests
{
    private static readonly FailureDetectionSettings Aggressive = FailureDetectionSettings.FromMilliseconds(6000, 1000, 1);

    [Fact]
    public void SelectOne_CommandPastTheWarmUpPoint_OpensTheConnectionOneProbeTimeoutEarlyAndTheFirstProbeUsesIt()
    {
        using var setup = new WarmUpSetup(ProbeMethod.SelectOne);
        using var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();

        setup.Clock.AdvanceTo(4.999);
        Assert.Empty(setup.OpenedAt);
        setup.Clock.AdvanceTo(5);
        Assert.Equal([5.0], setup.OpenedAt);

        setup.Clock.AdvanceTo(8.5);
        Assert.Equal([5.0], setup.OpenedAt);
        var connection = Assert.Single(setup.Connections.Created);
        Assert.Equal(["SELECT 1", "SELECT 1", "SELECT 1"], connection.Executed); // probes at 6, 7 and 8 s
        Assert.Equal(HostHealthStatus.Healthy, setup.Monitor.CurrentHealth.Status);
    }

    [Fact]
    public void SelectOne_CommandEndsBeforeTheWarmUpPoint_OpensNothing()
    {
        using var setup = new WarmUpSetup(ProbeMethod.SelectOne);
        var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();
        setup.Clock.Run(4.9, command.Dispose);

        setup.Clock.AdvanceTo(30);

        Assert.Empty(setup.OpenedAt);
    }

    [Fact]
    public async Task SelectOne_WarmUpStillOpeningWhenTheWindowOpens_TheFirstProbeWaitsForThatOpenInsteadOfASecond()
    {
        using var setup = new WarmUpSetup(ProbeMethod.SelectOne);
        setup.SlowOpen = new TaskCompletionSource();
        var firstProbe = setup.Monitor.Probes.FirstAsync().ToTask();
        using var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();
        setup.Clock.AdvanceTo(6.5);
        setup.SlowOpen.SetResult();

        // The probe goes on in the prober's continuations, outside virtual time: wait for its result before moving on.
        Assert.Equal(ProbeOutcome.Answered, (await firstProbe.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
        setup.Clock.AdvanceTo(7.5);

        Assert.Equal([5.0], setup.OpenedAt);
        var connection = Assert.Single(setup.Connections.Created);
        Assert.Equal(["SELECT 1", "SELECT 1"], connection.Executed); // the 6 s probe once the open ended, then the 7 s one
        Assert.Equal(HostHealthStatus.Healthy, setup.Monitor.CurrentHealth.Status);
    }

    [Fact]
    public async Task SelectOne_WarmUpFailsOnItsOwnDuringTheFirstProbe_TheProbeOpensForItselfWithinItsBound()
    {
        using var setup = new WarmUpSetup(ProbeMethod.SelectOne);
        var warmUp = new TaskCompletionSource();
        setup.SlowOpen = warmUp;
        var firstProbe = setup.Monitor.Probes.FirstAsync().ToTask();
        using var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();
        setup.Clock.AdvanceTo(6.5);
        setup.SlowOpen = null;
        warmUp.SetException(new TimeoutException("the driver's own connect timeout"));

        var probe = await firstProbe.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ProbeOutcome.Answered, probe.Outcome);
        Assert.Equal([5.0, 6.5], setup.OpenedAt);
    }

    [Fact]
    public async Task SelectOne_WarmUpFailsJustBeforeTheBoundAndTheNextOpenHangs_TheMonitorTimesTheProbeOutAtItsBoundAndCancelsTheOpen()
    {
        // Seen on the real cluster: a warm-up failing on its own a millisecond before the probe's bound was reported as a
        // failed probe, not an unanswered one, because the prober ran a second timer on the real clock. The monitor's bound,
        // on its scheduler, is now the only one.
        using var setup = new WarmUpSetup(ProbeMethod.SelectOne);
        var warmUp = new TaskCompletionSource();
        setup.SlowOpen = warmUp;
        var firstProbe = setup.Monitor.Probes.FirstAsync().ToTask();
        using var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();
        setup.Clock.AdvanceTo(6.999);
        setup.SlowOpen = new TaskCompletionSource(); // the probe's own open never answers
        var secondOpen = setup.NextOpen();
        warmUp.SetException(new TimeoutException("the driver's own connect timeout"));
        var cancellation = await secondOpen.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(cancellation.IsCancellationRequested);

        setup.Clock.AdvanceTo(7);

        var probe = await firstProbe.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ProbeOutcome.TimedOut, probe.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), probe.Latency);
        Assert.True(cancellation.IsCancellationRequested);
        Assert.Equal([5.0, 6.999], setup.OpenedAt);
    }

    [Fact]
    public void Connect_CommandPastTheWarmUpPoint_OpensOneConnectionAheadOnceThenOnePerProbe()
    {
        using var setup = new WarmUpSetup(ProbeMethod.Connect);
        using var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();
        using var second = setup.Monitor.WatchCommand(VirtualClock.At(0.5)).Subscribe();

        setup.Clock.AdvanceTo(8.5);

        Assert.Equal([5.0, 6.0, 7.0, 8.0], setup.OpenedAt);
    }

    [Fact]
    public void NoWarmUp_WhenTheWindowOpensWithinOneProbeTimeoutOfTheStart()
    {
        using var setup = new WarmUpSetup(ProbeMethod.SelectOne, FailureDetectionSettings.FromMilliseconds(500, 1000, 2));
        using var command = setup.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe();

        setup.Clock.AdvanceTo(0.6);

        Assert.Equal([0.5], setup.OpenedAt); // the first probe opens it, at the window
    }

    private sealed class WarmUpSetup : IDisposable
    {
        public WarmUpSetup(ProbeMethod method, FailureDetectionSettings? settings = null)
        {
            Connections = new FakeConnectionFactory($"Host={Host.Host};Port={Host.Port}");
            Monitor = new HostMonitor(Host, settings ?? Aggressive, HostProbers.Create(method, OpenAsync), Clock.Scheduler);
        }

        public static HostSpec Host { get; } = new("node-1.example", 5432, "node-1");

        public VirtualClock Clock { get; } = new();

        public FakeConnectionFactory Connections { get; }

        public HostMonitor Monitor { get; }

        public List<double> OpenedAt { get; } = [];

        /// <summary>When set, opens wait for it (an open slower than the time the test advances).</summary>
        public TaskCompletionSource? SlowOpen { get; set; }

        private TaskCompletionSource<CancellationToken>? _nextOpen;

        /// <summary>Completes with the token of the next open when it starts (opens may start outside virtual time).</summary>
        public Task<CancellationToken> NextOpen()
        {
            _nextOpen = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _nextOpen.Task;
        }

        public void Dispose()
        {
            Monitor.Dispose();
            Connections.Dispose();
        }

        private async Task<DbConnection> OpenAsync(HostSpec host, CancellationToken cancellation)
        {
            OpenedAt.Add(VirtualClock.SecondsOf(Clock.Now));
            Interlocked.Exchange(ref _nextOpen, null)?.SetResult(cancellation);
            var connection = Connections.CreateConnection(host);
            if (SlowOpen is { } gate)
            {
                await gate.Task.ConfigureAwait(false);
            }

            await connection.OpenAsync(cancellation).ConfigureAwait(false);
            return connection;
        }
    }
}
