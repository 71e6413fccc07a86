using System.Collections.Concurrent;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>
/// A search meets two threads at once: one bringing a topology signal that the policy turns into a decision, one starting
/// the search or feeding it an attempt's result, with an attempt that fails during its subscription. Handshakes inside the
/// policy's rule (run under the policy's merge) and inside its attempts stream force the interleaving; every wait is
/// bounded, nothing sleeps, and the virtual clock is never advanced, so no timer runs.
/// </summary>
public sealed class FailoverSearchTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly HostSpec OldWriter = new("10.0.0.1", 5432, "instance-1", HostRole.Writer);
    private static readonly HostSpec NewWriter = new("10.0.0.2", 5432, "instance-2", HostRole.Writer);
    private int _missedHandshakes;

    [Fact]
    public async Task Run_ASignalDecidesWhileTheSearchStartsAndItsFirstAttemptFailsAtOnce_NeitherThreadBlocks()
    {
        var scheduler = new TestScheduler();
        var topology = new BehaviorSubject<TopologySnapshot>(Snapshot(OldWriter, scheduler));
        using var firstAttemptStarted = new ManualResetEventSlim();
        using var policyDeciding = new ManualResetEventSlim();
        var connector = new ScriptedConnector(host =>
        {
            if (host.InstanceId != OldWriter.InstanceId)
            {
                return Observable.Never<VerifiedConnection>();
            }

            firstAttemptStarted.Set();
            Meet(policyDeciding);
            return Observable.Throw<VerifiedConnection>(new IOException("57P01: the pooled connection was closed by the server."));
        });
        var policy = new WriterPolicy(view =>
        {
            if (view.Topology?.Writer?.InstanceId == NewWriter.InstanceId)
            {
                policyDeciding.Set();
            }
        });
        var heard = new ConcurrentQueue<ConnectAttempt>();
        var search = FailoverSearch.Run(policy, attempts => Signals(scheduler, topology, attempts.Do(heard.Enqueue)), connector, FailoverTiming.Default, scheduler);

        var subscription = new SingleAssignmentDisposable();
        var starting = OnOwnThread(() => subscription.Disposable = search.Subscribe(_ => { }));
        var signalling = NameTheNewWriterAfter(firstAttemptStarted, topology, scheduler);

        await AssertBothEnd(starting, signalling, "the search's start and the topology signal blocked each other");
        Assert.Equal([OldWriter.InstanceId, NewWriter.InstanceId], connector.Attempts.Select(h => h.InstanceId));
        var failed = Assert.Single(heard);
        Assert.Equal((OldWriter.InstanceId, ConnectAttemptOutcome.Failed), (failed.Host.InstanceId, failed.Outcome));
        subscription.Dispose();
    }

    [Fact]
    public async Task Run_AFailureIsFedWhileASignalDecidesOnANodeWhoseAttemptFailsAtOnce_NeitherThreadBlocks()
    {
        var scheduler = new TestScheduler();
        var topology = new BehaviorSubject<TopologySnapshot>(Snapshot(OldWriter, scheduler));
        var oldWriterAttempt = new Subject<VerifiedConnection>();
        using var feeding = new ManualResetEventSlim();
        using var policyDeciding = new ManualResetEventSlim();
        var connector = new ScriptedConnector(host => host.InstanceId == OldWriter.InstanceId
            ? oldWriterAttempt
            : Observable.Throw<VerifiedConnection>(new IOException("08001: connection refused.")));
        var policy = new WriterPolicy(view =>
        {
            if (view.Topology?.Writer?.InstanceId == NewWriter.InstanceId && !policyDeciding.IsSet)
            {
                policyDeciding.Set();
                Meet(feeding);
            }
        });
        var heard = new ConcurrentQueue<ConnectAttempt>();
        var armed = 1;
        IObservable<ConnectAttempt> Heard(IObservable<ConnectAttempt> attempts) => attempts.Do(attempt =>
        {
            heard.Enqueue(attempt);
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                feeding.Set();
                Meet(policyDeciding);
            }
        });
        var subscription = FailoverSearch.Run(policy, attempts => Signals(scheduler, topology, Heard(attempts)), connector, FailoverTiming.Default, scheduler)
            .Subscribe(_ => { });
        Assert.Equal([OldWriter.InstanceId], connector.Attempts.Select(h => h.InstanceId));

        var failing = OnOwnThread(() => oldWriterAttempt.OnError(new IOException("57P01: terminating connection.")));
        var signalling = NameTheNewWriterAfter(feeding, topology, scheduler);

        await AssertBothEnd(failing, signalling, "feeding a failure to the policy and the topology signal blocked each other");
        Assert.Equal([OldWriter.InstanceId, NewWriter.InstanceId], connector.Attempts.Select(h => h.InstanceId));
        Assert.Equal(
            [(OldWriter.InstanceId, ConnectAttemptOutcome.Failed), (NewWriter.InstanceId, ConnectAttemptOutcome.Failed)],
            heard.Select(a => (a.Host.InstanceId, a.Outcome)));
        subscription.Dispose();
    }

    private void Meet(ManualResetEventSlim other)
    {
        if (!other.Wait(Bound))
        {
            Interlocked.Increment(ref _missedHandshakes);
        }
    }

    private static Task OnOwnThread(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private Task NameTheNewWriterAfter(ManualResetEventSlim cue, BehaviorSubject<TopologySnapshot> topology, TestScheduler scheduler) =>
        OnOwnThread(() =>
        {
            Meet(cue);
            topology.OnNext(Snapshot(NewWriter, scheduler));
        });

    // A deadlock leaves both threads blocked for good: the bound ends the test, and the handshakes must have met for the
    // failure to mean the two blocked each other.
    private async Task AssertBothEnd(Task first, Task second, string blocked)
    {
        var ended = true;
        try
        {
            await Task.WhenAll(first, second).WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            ended = false;
        }

        Assert.Equal(0, Volatile.Read(ref _missedHandshakes));
        Assert.True(ended, blocked);
    }

    private static TopologySnapshot Snapshot(HostSpec writer, TestScheduler scheduler) => new(writer, [], scheduler.Now);

    private static ClusterSignals Signals(TestScheduler scheduler, IObservable<TopologySnapshot> topology, IObservable<ConnectAttempt> attempts) =>
        new(OldWriter, FailoverMode.StrictWriter, FailoverTiming.Default, scheduler, topology, attempts);

    /// <summary>The built-in engine with strict_writer's rule and parallelism; <c>onEvaluate</c> runs inside the engine's merge.</summary>
    private sealed class WriterPolicy(Action<CandidateView> onEvaluate) : IFailoverPolicy
    {
        public IObservable<FailoverDecision> Decide(ClusterSignals signals) =>
            CandidatePolicyEngine.Run(
                signals,
                view =>
                {
                    onEvaluate(view);
                    return [new FailoverCandidate(view.Topology?.Writer ?? view.FailedHost, HostRole.Writer)];
                },
                parallelism: 2);
    }

    private sealed class ScriptedConnector(Func<HostSpec, IObservable<VerifiedConnection>> connect) : IFailoverConnector
    {
        private readonly ConcurrentQueue<HostSpec> _attempts = new();

        public IEnumerable<HostSpec> Attempts => _attempts;

        public IObservable<VerifiedConnection> Connect(HostSpec host)
        {
            _attempts.Enqueue(host);
            return connect(host);
        }
    }
}
