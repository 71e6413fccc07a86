using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Finds loopback TCP ports nobody listens on.</summary>
internal static class FreePort
{
    private const int LowestServerPort = 20000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>A port that was free a moment ago (another process may still take it before the server binds it).</summary>
    internal static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>
    /// A free port below the operating system's ephemeral range, for a server that is stopped and started again on
    /// the same port: an ephemeral port can be handed to any outgoing connection while the server is down, and the
    /// restart would then fail to bind. Falls back to <see cref="Next"/> when no such port is found.
    /// </summary>
    internal static int NextForServer()
    {
        var upper = EphemeralLowerBound() - 1;
        if (upper > LowestServerPort)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var port = Random.Shared.Next(LowestServerPort, upper + 1);
                if (IsFree(port))
                {
                    return port;
                }
            }
        }

        return Next();
    }

    private static int EphemeralLowerBound()
    {
        try
        {
            var parts = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 && int.TryParse(parts[0], out var lower) ? lower : 32768;
        }
        catch (IOException)
        {
            return 32768;
        }
        catch (UnauthorizedAccessException)
        {
            return 32768;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
