using Aurora.Reactive.Hosts;
using Npgsql;

namespace Aurora.Reactive.Npgsql;

/// <summary>Reads the hosts of an Npgsql connection string (<c>Host=a,b:5433,[::1]:5434</c>).</summary>
internal static class NpgsqlHostList
{
    /// <summary>The first host of the connection string, with its own port or the string's <c>Port</c>.</summary>
    /// <exception cref="ArgumentException">The connection string names no host, or a port is not a number.</exception>
    public static HostSpec First(NpgsqlConnectionStringBuilder settings)
    {
        var hosts = settings.Host;
        if (string.IsNullOrWhiteSpace(hosts))
        {
            throw new ArgumentException("The connection string names no Host; Aurora.Reactive needs the node to connect to first.", nameof(settings));
        }

        var comma = hosts.IndexOf(',', StringComparison.Ordinal);
        var first = (comma < 0 ? hosts : hosts[..comma]).Trim();
        return Parse(first, settings.Port);
    }

    /// <summary>Parses <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>.</summary>
    /// <exception cref="ArgumentException">The port is not a number.</exception>
    public static HostSpec Parse(string entry, int defaultPort)
    {
        string host;
        string? port = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"Host '{entry}' opens '[' without closing it.", nameof(entry));
            }

            host = entry[1..close];
            if (close + 1 < entry.Length && entry[close + 1] == ':')
            {
                port = entry[(close + 2)..];
            }
        }
        else
        {
            var colon = entry.LastIndexOf(':');
            var isBareIpv6 = colon >= 0 && entry.IndexOf(':', StringComparison.Ordinal) != colon;
            if (colon > 0 && !isBareIpv6)
            {
                host = entry[..colon];
                port = entry[(colon + 1)..];
            }
            else
            {
                host = entry;
            }
        }

        if (port is null)
        {
            return new HostSpec(host, defaultPort);
        }

        return int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? new HostSpec(host, number)
            : throw new ArgumentException($"Host '{entry}' has port '{port}', which is not a number.", nameof(entry));
    }
}
