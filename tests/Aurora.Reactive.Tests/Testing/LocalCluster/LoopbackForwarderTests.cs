using System.Net;
using System.Net.Sockets;
using System.Text;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

/// <summary>The forwarder against in-process loopback servers that answer each read with their name and the bytes read.</summary>
public sealed class LoopbackForwarderTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly List<Socket> servers = [];
    private readonly CancellationTokenSource stop = new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        servers.ForEach(s => s.Dispose());
        stop.Dispose();
    }

    [Fact]
    public async Task Forward_BytesSent_ReachTheTargetAndTheAnswerComesBack()
    {
        await using var forwarder = new LoopbackForwarder("test", [StartServer("a")]);
        using var client = await ConnectAsync(forwarder.Port);

        Assert.Equal("a:hello", await ExchangeAsync(client, "hello"));
    }

    [Fact]
    public async Task SetTargets_AfterAConnection_OnlyNewConnectionsGoToTheNewTarget()
    {
        await using var forwarder = new LoopbackForwarder("test", [StartServer("old")]);
        using var before = await ConnectAsync(forwarder.Port);
        Assert.Equal("old:1", await ExchangeAsync(before, "1"));

        forwarder.SetTargets([StartServer("new")]);
        using var after = await ConnectAsync(forwarder.Port);

        Assert.Equal("new:2", await ExchangeAsync(after, "2"));
        Assert.Equal("old:3", await ExchangeAsync(before, "3"));
    }

    [Fact]
    public async Task SetTargets_TwoTargets_NewConnectionsAlternate()
    {
        await using var forwarder = new LoopbackForwarder("test", [StartServer("a"), StartServer("b")]);
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var client = await ConnectAsync(forwarder.Port);
            answers.Add((await ExchangeAsync(client, "x"))[..1]);
        }

        Assert.Equal(2, answers.Count(a => a == "a"));
        Assert.Equal(2, answers.Count(a => a == "b"));
    }

    [Fact]
    public async Task CutNetwork_Drop_ResetsOpenConnectionsAndNewOnes_RestoreLetsNewOnesThrough()
    {
        await using var forwarder = new LoopbackForwarder("test", [StartServer("a")]);
        using var open = await ConnectAsync(forwarder.Port);
        Assert.Equal("a:1", await ExchangeAsync(open, "1"));

        forwarder.CutNetwork(NetworkCutMode.Drop);

        await Assert.ThrowsAnyAsync<Exception>(() => ExchangeAsync(open, "2"));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var refused = await ConnectAsync(forwarder.Port);
            await ExchangeAsync(refused, "3");
        });
        forwarder.RestoreNetwork();
        using var later = await ConnectAsync(forwarder.Port);
        Assert.Equal("a:4", await ExchangeAsync(later, "4"));
    }

    [Fact]
    public async Task CutNetwork_BlackholeThenRestore_DeliversTheHeldBytes()
    {
        await using var forwarder = new LoopbackForwarder("test", [StartServer("a")]);
        using var open = await ConnectAsync(forwarder.Port);
        Assert.Equal("a:1", await ExchangeAsync(open, "1"));

        forwarder.CutNetwork(NetworkCutMode.Blackhole);
        await open.SendAsync(Encoding.ASCII.GetBytes("2"));
        var answer = ReceiveAsync(open);
        Assert.False(answer.IsCompleted);
        Assert.Equal(NetworkCutMode.Blackhole, forwarder.Cut);
        forwarder.RestoreNetwork();

        Assert.Equal("a:2", await answer.WaitAsync(Bound));
        Assert.Null(forwarder.Cut);
    }

    [Fact]
    public async Task DisposeAsync_WithAnOpenConnection_ClosesItAndStopsListening()
    {
        var forwarder = new LoopbackForwarder("test", [StartServer("a")]);
        using var open = await ConnectAsync(forwarder.Port);
        Assert.Equal("a:1", await ExchangeAsync(open, "1"));

        await forwarder.DisposeAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => ExchangeAsync(open, "2"));
        await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(forwarder.Port));
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static async Task<string> ExchangeAsync(Socket socket, string text)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(text));
        return await ReceiveAsync(socket).WaitAsync(Bound);
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[256];
        var count = await socket.ReceiveAsync(buffer);
        return count == 0 ? throw new IOException("closed") : Encoding.ASCII.GetString(buffer, 0, count);
    }

    private int StartServer(string name)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        servers.Add(listener);
        _ = ServeAsync(listener, name);
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private async Task ServeAsync(Socket listener, string name)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(stop.Token);
                servers.Add(connection);
                _ = AnswerAsync(connection, name);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task AnswerAsync(Socket connection, string name)
    {
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                var count = await connection.ReceiveAsync(buffer, stop.Token);
                if (count == 0)
                {
                    return;
                }

                await connection.SendAsync(Encoding.ASCII.GetBytes(name + ":" + Encoding.ASCII.GetString(buffer, 0, count)), stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
