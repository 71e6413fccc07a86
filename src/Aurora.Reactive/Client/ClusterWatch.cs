using System.Data.Common;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Client;

/// <summary>
/// The client's view of its cluster: one topology monitor (started once the dialect is detected) and one
/// host monitor registry whose monitors, when asked, keep every host of the topology probed so that the
/// health of all hosts is known, not only of those running a command.
/// </summary>
internal sealed partial class ClusterWatch : IDisposable
{
    private static readonly TimeSpan DetectionRetryDelay = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly AuroraConnectionString _connectionString;
    private readonly IHostConnectionFactory _connections;
    private readonly IScheduler _scheduler;
    private readonly Action<string, Exception?> _onMonitorError;
    private readonly ReplaySubject<TopologySnapshot> _topology = new(1);
    private readonly CompositeDisposable _subscriptions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly FailureDetectionSettings _detection;
    private TopologyMonitor? _monitor;
    private bool _disposed;

    public ClusterWatch(
        AuroraConnectionString connectionString,
        IHostConnectionFactory connections,
        IScheduler scheduler,
        bool watchAllHosts,
        Action<string, Exception?> onMonitorError)
    {
        _connectionString = connectionString;
        _connections = connections;
        _scheduler = scheduler;
        _onMonitorError = onMonitorError;
        _detection = FailureDetectionSettings.FromOptions(connectionString.Options);
        Registry = new HostMonitorRegistry((_, _) => HostProbers.Create(ProbeMethod.SelectOne, OpenAsync), scheduler);
        if (watchAllHosts)
        {
            _subscriptions.Add(_topology.Subscribe(WatchHostsOf));
        }

        _ = Task.Run(StartTopologyAsync);
    }

    /// <summary>The shared per-host monitors.</summary>
    public HostMonitorRegistry Registry { get; }

    /// <summary>Topology snapshots; the latest is replayed. Completes on dispose.</summary>
    public IObservable<TopologySnapshot> Topology => _topology.AsObservable();

    /// <summary>The latest snapshot, or <see langword="null"/> before the first read.</summary>
    public TopologySnapshot? Current
    {
        get
        {
            lock (_gate)
            {
                return _monitor?.Current;
            }
        }
    }

    /// <summary>Asks the topology monitor for fast refreshes (a failover started).</summary>
    public void RequestFastRefresh()
    {
        lock (_gate)
        {
            _monitor?.RequestFastRefresh();
        }
    }

    public void Dispose()
    {
        TopologyMonitor? monitor;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            monitor = _monitor;
            _monitor = null;
        }

        _stopping.Cancel();
        _subscriptions.Dispose();
        DisposeHostWatches();
        monitor?.Dispose();
        Registry.Dispose();
        _topology.OnCompleted();
        _stopping.Dispose();
    }

    private async Task<DbConnection> OpenAsync(HostSpec host, CancellationToken cancellationToken)
    {
        var connection = _connections.CreateConnection(host);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartTopologyAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var dialect = await DetectDialectAsync(token).ConfigureAwait(false);
                if (dialect is null)
                {
                    _onMonitorError("no known cluster dialect recognises the server; the topology stays unknown", null);
                    return;
                }

                StartMonitor(dialect);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                _onMonitorError($"detecting the cluster dialect failed: {error.Message}", error);
            }

            try
            {
                await SchedulerDelay.Delay(_scheduler, DetectionRetryDelay, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<IClusterDialect?> DetectDialectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString.InitialHost, cancellationToken).ConfigureAwait(false);
        return await ClusterDialects.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private void StartMonitor(IClusterDialect dialect)
    {
        var options = _connectionString.Options;
        var monitorOptions = new TopologyMonitorOptions
        {
            SlowRefreshInterval = options.TopologyRefreshRate,
            FastRefreshInterval = options.TopologyFastRefreshRate < options.TopologyRefreshRate ? options.TopologyFastRefreshRate : options.TopologyRefreshRate,
            FastModeLinger = options.TopologyFastRefreshDuration > TimeSpan.Zero ? options.TopologyFastRefreshDuration : options.TopologyFastRefreshRate,
        }.WithFailoverRefreshRate(options.FailoverClusterTopologyRefreshRate);
        var resolver = _connectionString.InstanceEndpoints;
        Func<string, HostSpec> resolve = resolver is null
            ? id => throw new ArgumentException($"Instance '{id}' cannot be mapped to a host: set cluster_instance_host_pattern or cluster_instance_endpoints.")
            : resolver.Resolve;
        var client = new DbClusterNodeClient(OpenAsync, dialect, resolve, _scheduler, monitorOptions.OperationTimeout);
        var monitor = new TopologyMonitor(client, _connectionString.Hosts, _scheduler, monitorOptions);
        lock (_gate)
        {
            if (_disposed)
            {
                monitor.Dispose();
                return;
            }

            _monitor = monitor;
        }

        _subscriptions.Add(monitor.Events
            .Where(e => e.Kind == TopologyMonitorEventKind.Error)
            .Subscribe(e => _onMonitorError($"topology: {e.Message}", e.Error)));
        _subscriptions.Add(monitor.Snapshots.Subscribe(_topology.OnNext));
    }
}
