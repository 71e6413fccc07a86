using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Benchmarks.Cluster;

/// <summary>
/// One port on several loopback addresses (127.0.0.2, 127.0.0.3, ...), each relayed to one node's real server
/// port, because MySqlConnector's multi-host <c>Server=a,b,c</c> takes a single <c>Port</c> for every host while
/// the kit's nodes share 127.0.0.1 on different ports. A relay whose server refuses a connection (crashed) stops
/// listening, so the client's next attempt is refused as by the dead host itself; a frozen server still accepts
/// (the kernel's backlog) and then answers nothing, as a frozen host does.
/// </summary>
public sealed class LoopbackAliases : IAsyncDisposable
{
    private readonly Socket[] listeners;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] acceptLoops;

    private LoopbackAliases(Socket[] listeners, int port, IReadOnlyList<int> targetPorts)
    {
        this.listeners = listeners;
        Port = port;
        Hosts = listeners.Select(l => ((IPEndPoint)l.LocalEndPoint!).Address.ToString()).ToArray();
        acceptLoops = listeners.Select((l, i) => AcceptLoopAsync(l, targetPorts[i])).ToArray();
    }

    /// <summary>The port every alias listens on.</summary>
    public int Port { get; }

    /// <summary>The alias addresses, in the order of the target ports.</summary>
    public IReadOnlyList<string> Hosts { get; }

    public static LoopbackAliases Start(IReadOnlyList<int> targetPorts)
    {
        for (var attempt = 0; ; attempt++)
        {
            var listeners = new List<Socket>();
            try
            {
                var port = 0;
                for (var i = 0; i < targetPorts.Count; i++)
                {
                    var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    listeners.Add(listener);
                    listener.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{i + 2}"), port));
                    listener.Listen(128);
                    port = ((IPEndPoint)listener.LocalEndPoint!).Port;
                }

                return new LoopbackAliases([.. listeners], port, targetPorts);
            }
            catch (SocketException) when (attempt < 10)
            {
                // The port is taken on one of the other addresses: try another.
                listeners.ForEach(l => l.Dispose());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(acceptLoops).ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, int targetPort)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, targetPort), stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException)
            {
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                server.Dispose();
                listener.Dispose();
                return;
            }

            client.NoDelay = true;
            _ = RelayAsync(client, server);
        }
    }

    private async Task RelayAsync(Socket client, Socket server)
    {
        await using var clientStream = new NetworkStream(client, ownsSocket: true);
        await using var serverStream = new NetworkStream(server, ownsSocket: true);
        try
        {
            await Task.WhenAny(clientStream.CopyToAsync(serverStream, stopping.Token), serverStream.CopyToAsync(clientStream, stopping.Token));
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Either side went away; both are closed below.
        }
    }
}
