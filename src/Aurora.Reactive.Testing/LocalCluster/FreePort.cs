using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Asks the operating system for a loopback TCP port nobody listens on.</summary>
internal static class FreePort
{
    /// <summary>A port that was free a moment ago (another process may still take it before the server binds it).</summary>
    internal static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
