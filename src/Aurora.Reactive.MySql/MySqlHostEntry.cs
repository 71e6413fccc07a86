using System.Globalization;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.MySql;

/// <summary>Reads one entry of a MySQL host list: <c>host</c>, <c>host:port</c>, <c>[ipv6]</c>, <c>[ipv6]:port</c> or a bare IPv6 literal.</summary>
internal static class MySqlHostEntry
{
    /// <exception cref="ArgumentException">The entry is empty or its port is not a port number; the message quotes it.</exception>
    public static HostSpec Parse(string entry, int defaultPort)
    {
        var text = entry.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            host = text[1..close];
            port = text.Length > close + 1 && text[close + 1] == ':' ? text[(close + 2)..] : null;
        }
        else if (text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && colon == text.LastIndexOf(':'))
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        else
        {
            host = text;
        }

        if (host.Length == 0)
        {
            throw new ArgumentException($"The connection string's host entry '{entry}' names no host.", "connectionString");
        }

        if (port is null)
        {
            return new HostSpec(host, defaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? new HostSpec(host, number)
            : throw new ArgumentException($"The connection string's host entry '{entry}' has port '{port}', which is not a port number (1-65535).", "connectionString");
    }
}
