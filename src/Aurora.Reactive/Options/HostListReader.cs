using System.Data.Common;
using System.Globalization;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Options;

/// <summary>Reads the hosts and port the driver will connect to from the driver's part of the connection string.</summary>
internal static class HostListReader
{
    // Spellings of the host key among ADO.NET providers (Npgsql: Host, Server; MySQL providers: Server, Data Source, ...).
    private static readonly HashSet<string> HostKeys = new(["host", "server", "datasource", "address", "addr", "networkaddress"], StringComparer.Ordinal);

    /// <summary>Every host of the host key, each with its own port, the Port key's, or <paramref name="defaultPort"/>.</summary>
    /// <exception cref="ArgumentException">No host key, an empty or malformed host, or a bad port; the message names the key and the value.</exception>
    public static IReadOnlyList<HostSpec> Read(DbConnectionStringBuilder driver, int defaultPort)
    {
        string? hostKey = null;
        string? portKey = null;
        foreach (string key in driver.Keys)
        {
            var normalized = OptionKeyName.Normalize(key);
            hostKey ??= HostKeys.Contains(normalized) ? key : null;
            portKey ??= normalized == "port" ? key : null;
        }

        if (hostKey is null)
        {
            throw new ArgumentException("The connection string names no host: give Host (or Server, Data Source).", "connectionString");
        }

        var port = defaultPort;
        if (portKey is not null)
        {
            var portText = Value(driver, portKey);
            port = HostAddressParser.TryParsePort(portText.Trim(), out var p)
                ? p
                : throw OptionValueReader.Invalid(portKey, portText, "expected a port number between 1 and 65535");
        }

        var hostText = Value(driver, hostKey);
        var hosts = new List<HostSpec>();
        foreach (var item in hostText.Split(','))
        {
            var address = HostAddressParser.TryParse(item, out var error)
                ?? throw OptionValueReader.Invalid(hostKey, hostText, error!);
            var endpoint = TryClassify(address.Host) ?? throw OptionValueReader.Invalid(hostKey, hostText, $"'{address.Host}' is not a valid host name or IP address");
            hosts.Add(new HostSpec(endpoint.Host, address.Port ?? port));
        }

        return hosts;
    }

    private static string Value(DbConnectionStringBuilder builder, string key) =>
        Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? string.Empty;

    private static ClusterEndpoint? TryClassify(string host)
    {
        try
        {
            return ClusterEndpoint.Parse(host);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
