using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>A host that answers probes on a virtual-time scheduler, with a behaviour the test can change.</summary>
internal sealed class SimulatedHostProber(IScheduler scheduler, SimulatedAnswer behavior, Action? onDisposed = null) : IHostProber
{
    private readonly List<DateTimeOffset> _probeStarts = [];

    public SimulatedAnswer Behavior { get; set; } = behavior;

    public IReadOnlyList<DateTimeOffset> ProbeStarts => _probeStarts;

    public int AbandonedProbes { get; private set; }

    public bool IsDisposed { get; private set; }

    public TimeSpan? LastTimeout { get; private set; }

    /// <summary>Changes the behaviour at an absolute virtual time.</summary>
    public void BehaveFrom(DateTimeOffset time, SimulatedAnswer answer) =>
        scheduler.Schedule(time, () => Behavior = answer);

    public IObservable<Unit> Probe(HostSpec host, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var answer = Behavior;
        if (answer.Kind == SimulatedAnswerKind.ThrowOnProbe)
        {
            throw new InvalidOperationException($"Simulated prober for {host.Endpoint} throws.");
        }

        LastTimeout = timeout;
        return Observable.Create<Unit>(observer =>
        {
            _probeStarts.Add(scheduler.Now);
            var finished = false;
            var timer = answer.Kind switch
            {
                SimulatedAnswerKind.Answer => scheduler.Schedule(answer.Delay, () => { finished = true; observer.OnCompleted(); }),
                SimulatedAnswerKind.Fail => scheduler.Schedule(answer.Delay, () => { finished = true; observer.OnError(new IOException($"Connection to {host.Endpoint} refused.")); }),
                _ => Disposable.Empty,
            };
            return Disposable.Create(() =>
            {
                timer.Dispose();
                if (!finished)
                {
                    AbandonedProbes++;
                }
            });
        });
    }

    public void Dispose()
    {
        if (!IsDisposed)
        {
            IsDisposed = true;
            onDisposed?.Invoke();
        }
    }
}
