using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>Moving connections off an old writer as soon as the topology names a new one.</summary>
public sealed partial class FailoverCoordinator
{
    private readonly HashSet<ILogicalConnection> _attached = [];
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
            _attached.Add(connection);
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

    private void OnSnapshot(TopologySnapshot snapshot)
    {
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

        if (previous is null || HostMatch.Same(previous, writer))
        {
            return;
        }

        Interlocked.Increment(ref _writerChanges);
        ILogicalConnection[] connections;
        lock (_attached)
        {
            connections = [.. _attached];
        }

        foreach (var connection in connections)
        {
            // A connection believed to be on the writer that is not on the new one is on a node that is no longer the writer.
            if (connection.CurrentHost is { Role: HostRole.Writer } host
                && connection.CurrentState.Status == LogicalConnectionStatus.Open
                && !HostMatch.Same(host, writer))
            {
                connection.ReportHostLost(host, new WriterChangedException(previous, writer));
            }
        }
    }
}
