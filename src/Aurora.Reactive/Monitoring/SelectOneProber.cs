using System.Data.Common;
using System.Reactive;
using System.Reactive.Linq;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Probes a host with <c>SELECT 1</c> on one monitoring connection, kept open between probes. A probe that
/// fails or exceeds its timeout abandons the connection (disposed in the background) and the next probe
/// opens a new one. No thread waits on I/O; disposing the prober closes the monitoring connection.
/// </summary>
/// <remarks>One instance serves one monitor, so one host.</remarks>
internal sealed class SelectOneProber : IHostProber, IWarmableProber
{
    /// <summary>Where a probe's outcome is handed to the monitor, and a connection abandoned mid-probe is closed (the data source's hand-offs).</summary>
    internal HandOff HandOff { get; init; } = HandOff.ThreadPool;

    private readonly object _gate = new();
    private readonly Func<HostSpec, CancellationToken, Task<DbConnection>> _openConnection;
    private readonly CancellationTokenSource _disposed = new();
    private DbConnection? _idleConnection;
    private Task<DbConnection>? _warming;
    private int _connectionsOpened;

    /// <summary>Creates a prober over a connection opener.</summary>
    /// <param name="openConnection">
    /// Opens a monitoring connection to the host (with the <c>monitoring_</c> settings, credentials and TLS);
    /// it should honour the token, but the prober does not depend on it.
    /// It must return a physical, unpooled connection (for Npgsql, <c>Pooling=false</c>):
    /// a pooled one would make a probe answer from the pool, and disposing it would not close it.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="openConnection"/> is <see langword="null"/>.</exception>
    public SelectOneProber(Func<HostSpec, CancellationToken, Task<DbConnection>> openConnection)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        _openConnection = openConnection;
    }

    /// <summary>How many monitoring connections this prober has opened (one, unless probes failed).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <summary>
    /// Opens the monitoring connection ahead of the first probe, unless one is open or opening: the first probe then
    /// measures the node's answer to <c>SELECT 1</c>, not a new server session and the driver's first-use set-up.
    /// </summary>
    void IWarmableProber.Warm(HostSpec host)
    {
        Task<DbConnection> warming;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested || _idleConnection is not null || _warming is not null)
            {
                return;
            }

            warming = _warming = OpenQuietly(_openConnection, host, _disposed.Token);
        }

        _ = warming.ContinueWith(OnWarmed, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    public IObservable<Unit> Probe(HostSpec host, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        return HandOff.FromAsync(cancellation => ProbeAsync(host, timeout, cancellation));
    }

    /// <summary>Abandons any probe in flight and closes the monitoring connection.</summary>
    public void Dispose()
    {
        DbConnection? idle;
        Task<DbConnection>? warming;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            idle = _idleConnection;
            _idleConnection = null;
            warming = _warming;
            _warming = null;
        }

        if (idle is not null)
        {
            BackgroundDisposal.Close(idle);
        }

        if (warming is not null)
        {
            BackgroundDisposal.DisposeWhenOpened(warming);
        }
    }

    private async Task ProbeAsync(HostSpec host, TimeSpan timeout, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        // The monitor bounds the probe on its scheduler and unsubscribes from a late one, which cancels this token: a
        // second timer here, on the real clock, raced the monitor's and turned a timed-out probe into a failed one.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _disposed.Token);
        var connection = TakeIdleConnection();
        var warming = connection is null ? TakeWarming() : null;
        Task? statement = null;
        try
        {
            if (warming is not null)
            {
                connection = await TakeOverWarmingAsync(warming, bound.Token).ConfigureAwait(false);
            }

            connection ??= await AwaitOpenAsync(_openConnection(host, bound.Token), bound.Token).ConfigureAwait(false);
            var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.CommandTimeout = DriverBackstop(timeout);
            // The driver gets no token: cancelling one makes some drivers (Npgsql) send a cancel request on
            // the cancelling thread, which on a frozen host blocks for the connect timeout. A late probe is
            // abandoned instead, and its connection disposed in the background.
            statement = command.ExecuteScalarAsync(CancellationToken.None);
            await statement.WaitAsync(bound.Token).ConfigureAwait(false);
            await command.DisposeAsync().ConfigureAwait(false);
        }
        catch
        {
            if (connection is not null)
            {
                AbandonAfter(statement, connection);
            }

            throw;
        }

        KeepIdle(connection);
    }

    // A driver may refuse to close a connection whose statement still runs (Npgsql throws "the connection is already in
    // state 'Executing'"), and the refusal, swallowed, left the session open for good: the close waits for the statement,
    // which the driver's own backstop ends.
    private void AbandonAfter(Task? statement, DbConnection connection)
    {
        if (statement is null || statement.IsCompleted)
        {
            BackgroundDisposal.Dispose(connection, HandOff);
            return;
        }

        _ = statement.ContinueWith(
            _ => BackgroundDisposal.Dispose(connection, HandOff),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// The driver's own command timeout, in whole seconds: one second past the monitor's bound, so that the monitor
    /// decides when a probe went unanswered and the driver's timer only ends a call nobody waits for any more.
    /// </summary>
    internal static int DriverBackstop(TimeSpan timeout) => (int)Math.Ceiling(timeout.TotalSeconds) + 1;

    // The warm-up's open started a probe timeout early under the driver's own connect timeout, which can so end before
    // this probe's bound: when it fails on its own, the probe opens for itself within what is left of its bound, so that
    // a frozen node still reads as unanswered and a refusing one as refused.
    private async Task<DbConnection?> TakeOverWarmingAsync(Task<DbConnection> warming, CancellationToken bound)
    {
        try
        {
            return await AwaitOpenAsync(warming, bound).ConfigureAwait(false);
        }
        catch (Exception) when (!bound.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<DbConnection> AwaitOpenAsync(Task<DbConnection> opening, CancellationToken cancellation)
    {
        try
        {
            var connection = await opening.WaitAsync(cancellation).ConfigureAwait(false);
            Interlocked.Increment(ref _connectionsOpened);
            return connection;
        }
        catch
        {
            BackgroundDisposal.DisposeWhenOpened(opening);
            throw;
        }
    }

    private void OnWarmed(Task<DbConnection> warming)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_warming, warming))
            {
                return; // a probe took it over, or the prober was disposed
            }

            _warming = null;
        }

        if (warming.IsCompletedSuccessfully)
        {
            Interlocked.Increment(ref _connectionsOpened);
            KeepIdle(warming.Result);
        }
        else
        {
            _ = warming.Exception;
        }
    }

    internal static Task<DbConnection> OpenQuietly(Func<HostSpec, CancellationToken, Task<DbConnection>> open, HostSpec host, CancellationToken cancellation)
    {
        try
        {
            return open(host, cancellation);
        }
#pragma warning disable CA1031 // An opener that throws instead of failing its task: the warming failed, nothing more.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Task.FromException<DbConnection>(error);
        }
    }

    private Task<DbConnection>? TakeWarming()
    {
        lock (_gate)
        {
            var warming = _warming;
            _warming = null;
            return warming;
        }
    }

    private DbConnection? TakeIdleConnection()
    {
        lock (_gate)
        {
            var connection = _idleConnection;
            _idleConnection = null;
            return connection;
        }
    }

    private void KeepIdle(DbConnection connection)
    {
        DbConnection? extra;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested || _idleConnection is not null)
            {
                extra = connection;
            }
            else
            {
                _idleConnection = connection;
                extra = null;
            }
        }

        if (extra is not null)
        {
            BackgroundDisposal.Close(extra);
        }
    }
}
