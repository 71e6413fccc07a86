using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Hosts;

/// <summary>Splits <c>host</c>, <c>host:port</c>, <c>[ipv6]</c>, <c>[ipv6]:port</c> or a bare IPv6 literal into host and port.</summary>
internal static class HostAddressParser
{
    /// <summary>Parses <paramref name="text"/>; returns <see langword="null"/> and a reason when it is malformed.</summary>
    /// <returns>The host (brackets removed) and the port when one was given.</returns>
    public static (string Host, int? Port)? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "the host is empty";
            return null;
        }

        if (trimmed[0] == '[')
        {
            var close = trimmed.IndexOf(']', StringComparison.Ordinal);
            var inside = close > 1 ? trimmed[1..close] : string.Empty;
            if (!IsIPv6(inside))
            {
                error = "the bracketed part is not an IPv6 address";
                return null;
            }

            var rest = trimmed[(close + 1)..];
            if (rest.Length == 0)
            {
                return (inside, null);
            }

            return rest[0] == ':' ? WithPort(inside, rest[1..], out error) : Fail("text follows the closing bracket", out error);
        }

        if (trimmed.Count(c => c == ':') > 1)
        {
            // Without brackets, a literal with several colons can only be a whole IPv6 address (no port).
            return IsIPv6(trimmed) ? (trimmed, null) : Fail("it is not an IPv6 address; write [address]:port", out error);
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (trimmed, null) : WithPort(trimmed[..colon], trimmed[(colon + 1)..], out error);
    }

    /// <summary>Whether <paramref name="text"/> is a TCP port number, 1 to 65535, in plain decimal digits.</summary>
    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static (string Host, int? Port)? WithPort(string host, string portText, out string? error)
    {
        if (host.Length == 0)
        {
            return Fail("the host is empty", out error);
        }

        if (!TryParsePort(portText, out var port))
        {
            return Fail($"port '{portText}' is not a number between 1 and 65535", out error);
        }

        error = null;
        return (host, port);
    }

    private static (string Host, int? Port)? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    private static bool IsIPv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
