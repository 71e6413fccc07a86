using System.Data.Common;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>An error of a <see cref="SimulatedCluster"/> node, as a driver reports it; the simulated driver's classifier reads <see cref="IsConnectionLoss"/> and <see cref="IsReadOnly"/>.</summary>
public sealed class SimulatedNodeException : DbException
{
    private SimulatedNodeException(string message, bool isConnectionLoss, bool isReadOnly)
        : base(message)
    {
        IsConnectionLoss = isConnectionLoss;
        IsReadOnly = isReadOnly;
    }

    /// <summary>The node was lost: refused, crashed, or the session ended; a failover follows.</summary>
    public bool IsConnectionLoss { get; }

    /// <summary>A write reached a reader.</summary>
    public bool IsReadOnly { get; }

    internal static SimulatedNodeException Refused(SimulatedNode node) => new($"Connection refused: {node.InstanceId} ({node.Host.Endpoint}) is down.", true, false);

    internal static SimulatedNodeException SessionEnded(SimulatedNode node) => new($"Terminating connection: the session on {node.InstanceId} ended.", true, false);

    internal static SimulatedNodeException WriteOnReader(SimulatedNode node) => new($"Cannot execute a write in a read-only transaction on {node.InstanceId}.", false, true);
}
