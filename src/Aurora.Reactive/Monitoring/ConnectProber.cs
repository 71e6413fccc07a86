using System.Data.Common;
using System.Reactive;
using System.Reactive.Linq;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Probes a host by opening a new connection, closed again at once; the probe succeeds when the
/// connection opens within the timeout. An open that takes too long is abandoned, and the connection it
/// may still produce is closed as soon as it opens. No thread waits on I/O.
/// </summary>
internal sealed class ConnectProber : IHostProber, IWarmableProber
{
    /// <summary>Where a probe's outcome is handed to the monitor (the data source's hand-offs).</summary>
    internal HandOff HandOff { get; init; } = HandOff.ThreadPool;

    private readonly Func<HostSpec, CancellationToken, Task<DbConnection>> _openConnection;
    private readonly CancellationTokenSource _disposed = new();
    private int _connectionsOpened;
    private int _warmed;

    /// <summary>Creates a prober over a connection opener.</summary>
    /// <param name="openConnection">
    /// Opens a connection to the host (with the <c>monitoring_</c> settings, credentials and TLS, ideally a
    /// connect timeout); it should honour the token, but the prober does not depend on it.
    /// It must return a physical, unpooled connection (for Npgsql, <c>Pooling=false</c>):
    /// a pooled one would make a probe answer from the pool, and disposing it would not close it.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="openConnection"/> is <see langword="null"/>.</exception>
    public ConnectProber(Func<HostSpec, CancellationToken, Task<DbConnection>> openConnection)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        _openConnection = openConnection;
    }

    /// <summary>How many connections this prober has opened (one per answered probe).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    public IObservable<Unit> Probe(HostSpec host, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        return HandOff.FromAsync(cancellation => ProbeAsync(host, cancellation)); // the connect timeout is in the opener's connection string
    }

    /// <summary>
    /// Opens and closes one connection before the first probe, once: the driver's first-use set-up for the monitoring
    /// connection string (Npgsql loads the server's types) is then not paid inside a probe's timeout.
    /// </summary>
    void IWarmableProber.Warm(HostSpec host)
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _warmed, 1) == 1)
        {
            return;
        }

        BackgroundDisposal.DisposeWhenOpened(SelectOneProber.OpenQuietly(_openConnection, host, _disposed.Token));
    }

    /// <summary>Abandons any probe in flight.</summary>
    public void Dispose() => _disposed.Cancel();

    private async Task ProbeAsync(HostSpec host, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        // No timer of its own: the monitor bounds the probe on its scheduler and cancels this token when it gives up.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _disposed.Token);
        var opening = _openConnection(host, bound.Token);
        DbConnection connection;
        try
        {
            connection = await opening.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch
        {
            BackgroundDisposal.DisposeWhenOpened(opening);
            throw;
        }

        Interlocked.Increment(ref _connectionsOpened);
        BackgroundDisposal.Close(connection);
    }
}
