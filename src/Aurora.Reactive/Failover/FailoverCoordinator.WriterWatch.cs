using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>Moving connections off an old writer as soon as the topology names a new one.</summary>
internal sealed partial class FailoverCoordinator
{
    // Each attached connection, with the host instance it was last told it lost, so that later snapshots do not tell it
    // again; a connection that moved away and came back holds a new instance and is told again.
    private readonly Dictionary<ILogicalConnection, HostSpec?> _attached = [];
    private HostSpec? _lastWriter;
    private int _writerChanges;

    /// <summary>How many writer changes the topology has shown since the coordinator started.</summary>
    public int WriterChangeCount => Volatile.Read(ref _writerChanges);

    /// <inheritdoc/>
    public IDisposable Attach(ILogicalConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_attached)
        {
            _attached[connection] = null;
        }

        return System.Reactive.Disposables.Disposable.Create(() =>
        {
            lock (_attached)
            {
                _attached.Remove(connection);
            }
        });
    }

    private IDisposable WatchWriter() =>
        _topology.Subscribe(OnSnapshot, _ => { }, () => { });

    // A connection that believes it is on the writer has lost it when the topology names another writer, either as a
    // change from the writer seen before, or by listing the connection's node among the readers. The second also
    // covers a first snapshot read after the writer was already replaced (its first read failed on the frozen node),
    // and a connection opened through an endpoint that still pointed at the old writer.
    private void OnSnapshot(TopologySnapshot snapshot)
    {
        Volatile.Write(ref _latest, snapshot);
        if (snapshot.Writer is not { } writer)
        {
            return;
        }

        HostSpec? previous;
        lock (_attached)
        {
            previous = _lastWriter;
            _lastWriter = writer;
        }

        var changed = previous is not null && previous.Node != writer.Node;
        if (changed)
        {
            Interlocked.Increment(ref _writerChanges);
            _formerWriters.OnNext(previous!);
        }

        List<(ILogicalConnection Connection, HostSpec Host)> lost = [];
        lock (_attached)
        {
            foreach (var (connection, toldLost) in _attached)
            {
                if (connection.CurrentHost is { Role: HostRole.Writer } host
                    && connection.CurrentState.Status == LogicalConnectionStatus.Open
                    && NodeId.Of(host, snapshot) is var node && node != writer.Node
                    && !ReferenceEquals(toldLost, host)
                    && (changed || snapshot.Readers.Any(reader => reader.Node == node)))
                {
                    lost.Add((connection, host));
                }
            }

            foreach (var (connection, host) in lost)
            {
                _attached[connection] = host;
            }
        }

        foreach (var (connection, host) in lost)
        {
            connection.ReportHostLost(host, new WriterChangedException(changed ? previous! : host, writer));
        }
    }
}
