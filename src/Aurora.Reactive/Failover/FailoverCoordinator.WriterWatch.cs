using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>Moving connections off an old writer as soon as the topology names a new one (<see cref="TopologyMonitor.WriterChanges"/>).</summary>
internal sealed partial class FailoverCoordinator
{
    // Each attached connection, with the host instance it was last told it lost, so that later snapshots do not tell it
    // again; a connection that moved away and came back holds a new instance and is told again.
    private readonly Dictionary<ILogicalConnection, HostSpec?> _attached = [];
    private int _writerChangeCount;

    /// <summary>How many writer changes the topology has shown since the coordinator started.</summary>
    public int WriterChangeCount => Volatile.Read(ref _writerChangeCount);

    /// <inheritdoc/>
    public void Attach(ILogicalConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_attached)
        {
            _attached[connection] = null;
        }
    }

    /// <inheritdoc/>
    public void Detach(ILogicalConnection connection)
    {
        lock (_attached)
        {
            _attached.Remove(connection);
        }
    }

    private IDisposable WatchWriter() => new System.Reactive.Disposables.CompositeDisposable(
        _topology.Subscribe(OnSnapshot, _ => { }, () => { }),
        _writerChanges.Subscribe(OnWriterChange, _ => { }, () => { }));

    // A snapshot that lists a connection's node among the readers: the writer was replaced before this coordinator saw
    // it (its first read failed on the frozen node), or the connection opened through an endpoint that still pointed
    // at the old writer.
    private void OnSnapshot(TopologySnapshot snapshot)
    {
        Volatile.Write(ref _latest, snapshot);
        if (snapshot.Writer is { } writer)
        {
            TellLost(snapshot, writer, node => snapshot.Readers.Any(reader => reader.Node == node), host => host);
        }
    }

    // A connection that believes it is on the writer has lost it when the topology names another writer.
    private void OnWriterChange(WriterChange change)
    {
        Interlocked.Increment(ref _writerChangeCount);
        TellLost(change.Snapshot, change.Current, _ => true, _ => change.Former);
    }

    private void TellLost(TopologySnapshot snapshot, HostSpec writer, Func<NodeId, bool> lost, Func<HostSpec, HostSpec> oldWriter)
    {
        List<(ILogicalConnection Connection, HostSpec Host)> told = [];
        lock (_attached)
        {
            foreach (var (connection, toldLost) in _attached)
            {
                if (connection.CurrentHost is { Role: HostRole.Writer } host
                    && connection.CurrentState.Status == LogicalConnectionStatus.Open
                    && NodeId.Of(host, snapshot) is var node && node != writer.Node
                    && !ReferenceEquals(toldLost, host)
                    && lost(node))
                {
                    told.Add((connection, host));
                }
            }

            foreach (var (connection, host) in told)
            {
                _attached[connection] = host;
            }
        }

        foreach (var (connection, host) in told)
        {
            connection.ReportHostLost(host, new WriterChangedException(oldWriter(host), writer));
        }
    }
}
