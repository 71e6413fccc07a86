using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// A loopback TCP forwarder: clients connect to <see cref="Port"/> and are joined to one of the current
/// target ports (round robin). The network through it can be cut (<see cref="NetworkCutMode"/>) and
/// restored, and its targets changed, which affects new connections only, as a DNS change would.
/// Everything runs on asynchronous sockets; no thread is held per connection.
/// </summary>
internal sealed class LoopbackForwarder : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<ForwardedConnection, byte> connections = new();
    private readonly Task acceptLoop;
    private readonly object gate = new();
    private volatile int[] targets;
    private TaskCompletionSource open = NewOpenGate(opened: true);
    private NetworkCutMode? cut;
    private int nextTarget;

    /// <summary>Starts listening on a free loopback port.</summary>
    internal LoopbackForwarder(string name, IReadOnlyList<int> targetPorts)
    {
        Name = name;
        targets = targetPorts.ToArray();
        listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(128);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        acceptLoop = AcceptLoopAsync();
    }

    /// <summary>A name for messages.</summary>
    internal string Name { get; }

    /// <summary>The port clients connect to.</summary>
    internal int Port { get; }

    /// <summary>The ports new connections go to.</summary>
    internal IReadOnlyList<int> Targets => targets;

    /// <summary>How the network is cut now, or null when it is open.</summary>
    internal NetworkCutMode? Cut
    {
        get
        {
            lock (gate)
            {
                return cut;
            }
        }
    }

    /// <summary>Number of client connections currently joined or waiting.</summary>
    internal int ConnectionCount => connections.Count;

    /// <summary>Sends new connections to <paramref name="targetPorts"/>; existing ones keep their target.</summary>
    internal void SetTargets(IReadOnlyList<int> targetPorts) => targets = targetPorts.ToArray();

    /// <summary>Cuts the network: see <see cref="NetworkCutMode"/>.</summary>
    internal void CutNetwork(NetworkCutMode mode)
    {
        lock (gate)
        {
            cut = mode;
            if (open.Task.IsCompleted)
            {
                open = NewOpenGate(opened: false);
            }
        }

        if (mode == NetworkCutMode.Drop)
        {
            foreach (var connection in connections.Keys)
            {
                connection.Reset();
            }
        }
    }

    /// <summary>Restores the network; held bytes of blackholed connections flow again.</summary>
    internal void RestoreNetwork()
    {
        lock (gate)
        {
            cut = null;
            open.TrySetResult();
        }
    }

    /// <summary>Completes when bytes may flow; throws when the connection is reset meanwhile.</summary>
    internal Task WhenOpenAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            task = open.Task;
        }

        return task.IsCompleted ? task : task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops listening and resets every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        foreach (var connection in connections.Keys)
        {
            connection.Reset();
        }

        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    internal void Forget(ForwardedConnection connection) => connections.TryRemove(connection, out _);

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (Cut == NetworkCutMode.Drop)
            {
                ForwardedConnection.ResetSocket(client);
                continue;
            }

            var current = targets;
            var target = current.Length == 0 ? 0 : current[(int)((uint)Interlocked.Increment(ref nextTarget) % current.Length)];
            var connection = new ForwardedConnection(this, client, target);
            connections[connection] = 0;
            _ = connection.RunAsync(stopping.Token);
        }
    }

    private static TaskCompletionSource NewOpenGate(bool opened)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (opened)
        {
            source.SetResult();
        }

        return source;
    }
}
