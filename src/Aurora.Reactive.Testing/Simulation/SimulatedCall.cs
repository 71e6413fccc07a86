using System.Reactive.Concurrency;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// One request to a node (a connect or a statement): answered when its latency has passed on the virtual clock, held
/// while the node is frozen, failed when the node crashes or its session ends. Its task completes inside a clock item.
/// </summary>
internal sealed class SimulatedCall
{
    private readonly SimulatedNode _node;
    private readonly int _incarnation;
    private readonly Func<object?> _answer;
    private readonly TaskCompletionSource<object?> _completion = new();
    private bool _due;

    private SimulatedCall(SimulatedNode node, int incarnation, Func<object?> answer)
    {
        _node = node;
        _incarnation = incarnation;
        _answer = answer;
    }

    public Task<object?> Task => _completion.Task;

    /// <summary>Starts a call of a session opened in <paramref name="incarnation"/> (the node's current one for a connect).</summary>
    public static SimulatedCall Start(SimulatedCluster cluster, SimulatedNode node, int incarnation, TimeSpan latency, Func<object?> answer, CancellationToken cancellationToken)
    {
        var call = new SimulatedCall(node, incarnation, answer);
        node.Track(call);
        if (node.IsCrashed)
        {
            cluster.Clock.Schedule(() => SimulatedCluster.OffContext(() => call.Fail(SimulatedNodeException.Refused(node))));
            return call;
        }

        // A pooled session whose node has since restarted, switched over or been promoted fails at once, as a real driver's does when it
        // uses a socket the server already closed: the error is there before the caller's await.
        if (incarnation != node.Incarnation)
        {
            call.Fail(SimulatedNodeException.SessionEnded(node));
            return call;
        }

        cluster.Clock.Schedule(latency, () => SimulatedCluster.OffContext(() =>
        {
            call._due = true;
            call.Release();
        }));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => cluster.Threads.Check("SimulatedCall cancel"));
            // A frozen node never answers the driver's cancel request either.
            cancellationToken.Register(() => cluster.Clock.Schedule(() => SimulatedCluster.OffContext(() =>
            {
                if (!node.IsFrozen)
                {
                    call.Cancel(cancellationToken);
                }
            })));
        }

        return call;
    }

    /// <summary>Answers the call once it is due, unless the node is frozen.</summary>
    public void Release()
    {
        if (!_due || _node.IsFrozen || _completion.Task.IsCompleted)
        {
            return;
        }

        _node.Untrack(this);
        _node.Calls++;
        if (_incarnation != _node.Incarnation)
        {
            _completion.TrySetException(SimulatedNodeException.SessionEnded(_node));
            return;
        }

        try
        {
            _completion.TrySetResult(_answer());
        }
#pragma warning disable CA1031 // The answer's error is the call's outcome.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _completion.TrySetException(error);
        }
    }

    public void Fail(Exception error)
    {
        _node.Untrack(this);
        _completion.TrySetException(error);
    }

    private void Cancel(CancellationToken cancellationToken)
    {
        _node.Untrack(this);
        _completion.TrySetCanceled(cancellationToken);
    }
}
