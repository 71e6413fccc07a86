using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Hands out the one <see cref="HostMonitor"/> per host and detection settings, so that any number of
/// commands on a host share one prober (one monitoring connection). A monitor is created when the first
/// command on its host is watched and disposed <see cref="FailureDetectionSettings.DisposalDelay"/> after
/// its last command ended; the next command then gets a fresh monitor.
/// </summary>
internal sealed class HostMonitorRegistry : IDisposable
{
    private readonly object _gate = new();
    private readonly object _streamGate = new();
    private readonly Func<HostSpec, FailureDetectionSettings, IHostProber> _proberFactory;
    private readonly IScheduler _scheduler;
    private readonly Dictionary<HostMonitorKey, HostMonitor> _monitors = [];
    private readonly Dictionary<HostMonitor, HostHealth> _latestHealth = [];
    private readonly Outbox _streams;
    private readonly Broadcast<HostHealth> _health;
    private readonly Broadcast<ProbeResult> _probes;
    private readonly Action<HostSpec, Exception>? _onMonitorError;
    private bool _disposed;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="proberFactory">Creates the prober of a new monitor (called once per monitor).</param>
    /// <param name="scheduler">Runs every monitor's timers.</param>
    /// <param name="onSubscriberError">Logs an exception a subscriber of <see cref="Health"/> or <see cref="Probes"/> threw (it is then unsubscribed).</param>
    /// <param name="onMonitorError">Logs an exception one of the monitors caught to carry on (<see cref="HostMonitor.CaughtErrors"/>), with its host.</param>
    /// <exception cref="ArgumentNullException"><paramref name="proberFactory"/> or <paramref name="scheduler"/> is <see langword="null"/>.</exception>
    public HostMonitorRegistry(
        Func<HostSpec, FailureDetectionSettings, IHostProber> proberFactory,
        IScheduler scheduler,
        Action<Exception>? onSubscriberError = null,
        Action<HostSpec, Exception>? onMonitorError = null)
    {
        ArgumentNullException.ThrowIfNull(proberFactory);
        ArgumentNullException.ThrowIfNull(scheduler);
        _proberFactory = proberFactory;
        _scheduler = scheduler;
        _onMonitorError = onMonitorError;
        onSubscriberError ??= static _ => { };
        _streams = new Outbox(_streamGate, onSubscriberError);
        _health = new Broadcast<HostHealth>(_streams, onSubscriberError);
        _probes = new Broadcast<ProbeResult>(_streams, onSubscriberError);
    }

    /// <summary>The scheduler every monitor of this registry runs on; command start times are read from it.</summary>
    internal IScheduler Scheduler => _scheduler;

    /// <summary>The monitors alive now.</summary>
    public IReadOnlyCollection<HostMonitor> Monitors
    {
        get
        {
            lock (_gate)
            {
                return [.. _monitors.Values];
            }
        }
    }

    /// <summary>
    /// The health of every monitored host of the cluster: at subscription the current health of each live
    /// monitor, then every update of any monitor, present or future. Completes when the registry is disposed.
    /// </summary>
    public IObservable<HostHealth> Health => Observable.Create<HostHealth>(observer => _health.Subscribe(observer, () => _latestHealth.Values));

    /// <summary>
    /// Every probe result of every monitor, present or future, as it completes (a hot stream: subscribing
    /// neither starts nor keeps probing). Completes when the registry is disposed.
    /// </summary>
    public IObservable<ProbeResult> Probes => _probes;

    /// <summary>
    /// Watches one command on <paramref name="host"/> with the shared monitor for these settings (see
    /// <see cref="HostMonitor.WatchCommand(DateTimeOffset)"/>): emits once when the host is dead for it.
    /// Subscribe when the command starts; dispose when it ends.
    /// </summary>
    /// <param name="host">The host the command runs on.</param>
    /// <param name="settings">The command's detection settings.</param>
    /// <param name="commandStartedAt">When the command started, in the registry's scheduler time.</param>
    /// <returns>The verdict, at most once; fails with <see cref="ObjectDisposedException"/> after the registry was disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> or <paramref name="settings"/> is <see langword="null"/>.</exception>
    public IObservable<HostDeclaredDead> WatchCommand(HostSpec host, FailureDetectionSettings settings, DateTimeOffset commandStartedAt)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        return Observable.Create<HostDeclaredDead>(observer =>
        {
            HostMonitor monitor;
            IDisposable user;
            try
            {
                (monitor, user) = AcquireMonitor(host, settings);
            }
#pragma warning disable CA1031 // Reported to the subscriber (disposed registry, failing prober factory).
            catch (Exception error)
#pragma warning restore CA1031
            {
                observer.OnError(error);
                return Disposable.Empty;
            }

            var watch = monitor.Detect(commandStartedAt).Subscribe(observer);
            return new CompositeDisposable(watch, user);
        });
    }

    /// <summary>
    /// The command path's watch: like <see cref="WatchCommand(HostSpec, FailureDetectionSettings, DateTimeOffset)"/>
    /// subscribed to <paramref name="observer"/>, without the observable's own allocations (it runs for every command).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The registry was disposed.</exception>
    internal IDisposable Watch(HostSpec host, FailureDetectionSettings settings, DateTimeOffset commandStartedAt, IObserver<HostDeclaredDead> observer)
    {
        var (monitor, user) = AcquireMonitor(host, settings);
        var watch = monitor.Detect(commandStartedAt).Subscribe(observer);
        return StableCompositeDisposable.Create(watch, user);
    }

    /// <summary>Watches a command on <paramref name="host"/> that starts now (when subscribed to).</summary>
    /// <param name="host">The host the command runs on.</param>
    /// <param name="settings">The command's detection settings.</param>
    /// <returns>The verdict, at most once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> or <paramref name="settings"/> is <see langword="null"/>.</exception>
    public IObservable<HostDeclaredDead> WatchCommand(HostSpec host, FailureDetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        return Observable.Defer(() => WatchCommand(host, settings, _scheduler.Now));
    }

    /// <summary>Disposes every monitor (stopping their probes and closing their monitoring connections) and completes <see cref="Health"/>.</summary>
    public void Dispose()
    {
        HostMonitor[] monitors;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            monitors = [.. _monitors.Values];
            _monitors.Clear();
        }

        foreach (var monitor in monitors)
        {
            monitor.Dispose();
        }

        using (_streams.Enter())
        {
            _health.Complete();
            _probes.Complete();
        }
    }

    /// <remarks>
    /// The user is counted, and a new monitor's streams followed, outside the registry's lock: the registry's lock is
    /// never held while a monitor's is taken, nor while its subscribers are called.
    /// </remarks>
    private (HostMonitor Monitor, IDisposable User) AcquireMonitor(HostSpec host, FailureDetectionSettings settings)
    {
        var key = HostMonitorKey.For(host, settings);
        while (true)
        {
            HostMonitor? monitor;
            var created = false;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_monitors.TryGetValue(key, out monitor) || monitor.IsShutDown)
                {
                    monitor = new HostMonitor(host, settings, _proberFactory(host, settings), _scheduler, OnMonitorDisposed);
                    _monitors[key] = monitor;
                    created = true;
                }
            }

            if (created)
            {
                var followed = monitor;
                if (_onMonitorError is { } onMonitorError)
                {
                    followed.CaughtErrors.Subscribe(error => onMonitorError(followed.Host, error));
                }

                followed.Health.Subscribe(health => Forward(followed, health), () => Forget(followed));
                followed.Probes.Subscribe(Forward);
            }

            if (monitor.TryAcquireUser(out var user))
            {
                return (monitor, user);
            }
        }
    }

    private void Forward(HostMonitor monitor, HostHealth health)
    {
        using (_streams.Enter())
        {
            _latestHealth[monitor] = health;
            _health.Publish(health);
        }
    }

    private void Forward(ProbeResult probe)
    {
        using (_streams.Enter())
        {
            _probes.Publish(probe);
        }
    }

    private void Forget(HostMonitor monitor)
    {
        using (_streams.Enter())
        {
            _latestHealth.Remove(monitor);
        }
    }

    private void OnMonitorDisposed(HostMonitor monitor)
    {
        var key = HostMonitorKey.For(monitor.Host, monitor.Settings);
        lock (_gate)
        {
            if (_monitors.TryGetValue(key, out var current) && ReferenceEquals(current, monitor))
            {
                _monitors.Remove(key);
            }
        }
    }
}
