using System.Data.Common;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Topology;

/// <summary>
/// <see cref="IClusterNodeClient"/> over ADO.NET: opens a connection with the given opener, asks through
/// an <see cref="IClusterDialect"/>, and disposes the connection, every operation bounded by a timeout on
/// the scheduler. A timed-out or unsubscribed operation cancels its token; a connection that is still
/// opening is disposed as soon as the opener returns it.
/// </summary>
internal sealed class DbClusterNodeClient : IClusterNodeClient
{
    private readonly Func<HostSpec, CancellationToken, Task<DbConnection>> _openConnection;
    private readonly IClusterDialect _dialect;
    private readonly Func<string, HostSpec> _resolveHost;
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _operationTimeout;
    private readonly HandOff _handOff;

    /// <summary>Creates a client.</summary>
    /// <param name="openConnection">Opens a connection to a node (pooling is the opener's choice); the client disposes it.</param>
    /// <param name="dialect">The cluster flavour.</param>
    /// <param name="resolveHost">Maps an instance id from the topology to a host; throws <see cref="ArgumentException"/> for a bad id.</param>
    /// <param name="scheduler">Scheduler for the timeouts and the read time.</param>
    /// <param name="operationTimeout">Bound on each operation: connect plus query.</param>
    /// <param name="handOff">Where an operation starts and a cancellation runs, off the subscriber's thread; by default the thread pool.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operationTimeout"/> is not positive.</exception>
    public DbClusterNodeClient(
        Func<HostSpec, CancellationToken, Task<DbConnection>> openConnection,
        IClusterDialect dialect,
        Func<string, HostSpec> resolveHost,
        IScheduler scheduler,
        TimeSpan operationTimeout,
        HandOff? handOff = null)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(resolveHost);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (operationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(operationTimeout), operationTimeout, $"operationTimeout must be positive; got {operationTimeout}.");
        }

        _openConnection = openConnection;
        _dialect = dialect;
        _resolveHost = resolveHost;
        _scheduler = scheduler;
        _operationTimeout = operationTimeout;
        _handOff = handOff ?? HandOff.ThreadPool;
    }

    /// <inheritdoc/>
    public bool SupportsTopologyQuery => _dialect.TopologyQuery is not null;

    /// <inheritdoc/>
    public IObservable<TopologyReadResult> ReadTopology(HostSpec via)
    {
        ArgumentNullException.ThrowIfNull(via);
        return Bounded(via, (connection, ct) => _dialect.ReadTopologyAsync(connection, via, _resolveHost, _scheduler.Now, ct));
    }

    /// <inheritdoc/>
    public IObservable<NodeIdentity> Identify(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Bounded(host, async (connection, ct) =>
        {
            var id = await _dialect.GetInstanceIdAsync(connection, host, ct).ConfigureAwait(false);
            var isReader = await _dialect.IsReaderAsync(connection, ct).ConfigureAwait(false);
            return new NodeIdentity(host, id, isReader);
        });
    }

    // Not Observable.FromAsync: its dispose cancels the token inline, and a driver may block in that cancel (see DetachedCancellation).
    private IObservable<T> Bounded<T>(HostSpec host, Func<DbConnection, CancellationToken, Task<T>> work) =>
        Observable.Create<T>(observer =>
            {
                var cancellation = new DetachedCancellation(_handOff);
                var running = RunAsync(host, work, cancellation.Token);
                var subscription = _handOff.Observe(running).Subscribe(observer);
                return Disposable.Create(() =>
                {
                    subscription.Dispose();
                    if (!running.IsCompleted)
                    {
                        cancellation.CancelInBackground();
                    }
                });
            })
            .Timeout(_operationTimeout, Observable.Throw<T>(new TimeoutException($"{host.Endpoint} did not answer within {_operationTimeout.TotalMilliseconds:0} ms.")), _scheduler);

    private async Task<T> RunAsync<T>(HostSpec host, Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _handOff.Yield();
        var connection = await _openConnection(host, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
    }
}
