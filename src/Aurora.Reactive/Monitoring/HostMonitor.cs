using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// The one failure monitor of a host for one set of <see cref="FailureDetectionSettings"/>: it probes the
/// host while at least one command's detection window is open, shares those probes with every command,
/// and keeps the host's <see cref="HostHealth"/>. Disposed after <see cref="FailureDetectionSettings.DisposalDelay"/>
/// with no command watching (and by <see cref="Dispose"/>), which disposes its prober and so closes its
/// monitoring connection.
/// </summary>
/// <remarks>
/// Every timer runs on the scheduler given at construction. Observers are called one at a time, outside the
/// monitor's lock (through its <see cref="Outbox"/>), and should not block; an observer that throws is reported on
/// <see cref="CaughtErrors"/> and unsubscribed (Rx's rule for a throwing observer), and neither the probing nor the
/// delivery to the other observers stops. See <see cref="FailureDetectionSettings"/> for the detection timeline.
/// Most code gets monitors from a <see cref="HostMonitorRegistry"/>, which shares them per host and settings.
/// </remarks>
internal sealed partial class HostMonitor : IDisposable
{
    private readonly object _gate = new();
    private readonly IHostProber _prober;
    private readonly IScheduler _scheduler;
    private readonly Action<HostMonitor>? _onDisposed;
    private readonly Outbox _outbox;
    private readonly Broadcast<ProbeResult> _probes;
    private readonly Broadcast<HostHealth> _health;
    private readonly Broadcast<Exception> _caughtErrors;
    private readonly SerialDisposable _disposalTimer = new();
    private HostHealth _current;
    private volatile bool _disposed;

    /// <summary>Creates a monitor that does nothing until a command's window opens.</summary>
    /// <param name="host">The host to monitor.</param>
    /// <param name="settings">The detection settings.</param>
    /// <param name="prober">Sends the probes; the monitor owns it and disposes it.</param>
    /// <param name="scheduler">Runs every timer and timestamps every probe.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public HostMonitor(HostSpec host, FailureDetectionSettings settings, IHostProber prober, IScheduler scheduler)
        : this(host, settings, prober, scheduler, null)
    {
    }

    internal HostMonitor(HostSpec host, FailureDetectionSettings settings, IHostProber prober, IScheduler scheduler, Action<HostMonitor>? onDisposed)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(scheduler);
        Host = host;
        Settings = settings;
        _prober = prober;
        _scheduler = scheduler;
        _onDisposed = onDisposed;
        _outbox = new Outbox(_gate, ReportCaughtError);
        _probes = new Broadcast<ProbeResult>(_outbox, ReportCaughtError);
        _health = new Broadcast<HostHealth>(_outbox, ReportCaughtError);
        _caughtErrors = new Broadcast<Exception>(_outbox, static _ => { });
        _current = HostHealth.Unknown(host, scheduler.Now);
    }

    /// <summary>The monitored host.</summary>
    public HostSpec Host { get; }

    /// <summary>The detection settings this monitor runs with.</summary>
    public FailureDetectionSettings Settings { get; }

    /// <summary>The host's health after the latest probe (<see cref="HostHealthStatus.Unknown"/> before the first).</summary>
    public HostHealth CurrentHealth
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// Every probe result, as it completes (a hot stream: subscribing neither starts nor keeps probing).
    /// Completes when the monitor is disposed.
    /// </summary>
    public IObservable<ProbeResult> Probes => _probes;

    /// <summary>
    /// The host's health: the current value at once, then one value per completed probe. Subscribing does
    /// not start probing. Completes when the monitor is disposed.
    /// </summary>
    public IObservable<HostHealth> Health => Observable.Create<HostHealth>(observer => _health.Subscribe(observer, () => [_current]));

    /// <summary>
    /// Exceptions the monitor caught so that it could carry on: thrown by observers of its streams (or of
    /// <see cref="WatchCommand(DateTimeOffset)"/>), or by its prober's disposal.
    /// </summary>
    public IObservable<Exception> CaughtErrors => _caughtErrors;

    /// <summary>Whether the monitor has been disposed (explicitly, or after its disposal delay with no user).</summary>
    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>Whether the monitor is disposed, read without taking its lock.</summary>
    internal bool IsShutDown => _disposed;

    /// <summary>Stops probing, abandons probes in flight, disposes the prober and completes every stream.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        ShutDown();
    }

    private void ShutDown()
    {
        _disposalTimer.Dispose();
        _probeLoop.Dispose();
        _probesInFlight.Dispose();
        try
        {
            _prober.Dispose();
        }
#pragma warning disable CA1031 // A failing prober disposal must not stop the rest of the shutdown.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ReportCaughtError(error);
        }

        using (_outbox.Enter())
        {
            _probes.Complete();
            _health.Complete();
            _caughtErrors.Complete();
        }

        _onDisposed?.Invoke(this);
    }

    internal void ReportCaughtError(Exception error)
    {
        using (_outbox.Enter())
        {
            _caughtErrors.Publish(error);
        }
    }
}
