using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>One client connection through a <see cref="LoopbackForwarder"/>, joined to one target port.</summary>
internal sealed class ForwardedConnection
{
    private const int BufferSize = 16 * 1024;
    private readonly LoopbackForwarder owner;
    private readonly Socket client;
    private readonly Socket server = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly int targetPort;
    private readonly CancellationTokenSource reset = new();

    internal ForwardedConnection(LoopbackForwarder owner, Socket client, int targetPort)
    {
        this.owner = owner;
        this.client = client;
        this.targetPort = targetPort;
    }

    /// <summary>Closes a socket with a TCP reset instead of an orderly close.</summary>
    internal static void ResetSocket(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    /// <summary>Resets both sides now.</summary>
    internal void Reset()
    {
        try
        {
            reset.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        ResetSocket(client);
        ResetSocket(server);
    }

    /// <summary>Connects to the target (once the network is open) and copies bytes both ways until either side ends.</summary>
    internal async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, reset.Token);
        var token = linked.Token;
        var orderly = false;
        try
        {
            await owner.WhenOpenAsync(token).ConfigureAwait(false);
            await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, targetPort), token).ConfigureAwait(false);
            var up = PumpAsync(client, server, token);
            var down = PumpAsync(server, client, token);
            var first = await Task.WhenAny(up, down).ConfigureAwait(false);
            if (first.IsCompletedSuccessfully)
            {
                await Task.WhenAll(up, down).ConfigureAwait(false);
                orderly = true;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            if (orderly)
            {
                client.Dispose();
                server.Dispose();
            }
            else
            {
                ResetSocket(client);
                ResetSocket(server);
            }

            owner.Forget(this);
            reset.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationToken token)
    {
        var buffer = new byte[BufferSize];
        while (true)
        {
            var count = await from.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
            if (count == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            await owner.WhenOpenAsync(token).ConfigureAwait(false);
            var sent = 0;
            while (sent < count)
            {
                sent += await to.SendAsync(buffer.AsMemory(sent, count - sent), SocketFlags.None, token).ConfigureAwait(false);
            }
        }
    }
}
