using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Options;

/// <summary>Splits a connection string into our keys, monitoring keys and the driver's keys, and reads each part.</summary>
internal static partial class AuroraConnectionStringParser
{
    public static AuroraConnectionStringParts Parse(string connectionString, int defaultPort)
    {
        var scanned = ConnectionStringKeyScanner.Scan(connectionString);
        var all = Load(connectionString);
        ThrowIfOurKeyRepeats(scanned);
        var ours = new Dictionary<string, string>(StringComparer.Ordinal);
        var monitoring = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var driver = new DbConnectionStringBuilder();
        var entries = all.Keys.Cast<string>()
            .Select(key => (Key: key, Value: Convert.ToString(all[key], CultureInfo.InvariantCulture) ?? string.Empty))
            .Concat(scanned
                .Where(k => k.IsEmpty && OptionKeyName.TryGetCanonical(k.Key) is not null)
                .Select(k => (Key: k.Key, Value: string.Empty)));
        foreach (var (key, value) in entries)
        {
            if (OptionKeyName.TryGetCanonical(key) is { } canonical)
            {
                ours[canonical] = value;
            }
            else if (OptionKeyName.TryStripMonitoringPrefix(key) is { } driverKey)
            {
                if (driverKey.Length == 0 || !monitoring.TryAdd(driverKey, value))
                {
                    throw new ArgumentException(
                        $"Monitoring key '{key}' {(driverKey.Length == 0 ? "names no setting after the prefix" : "is given twice")}.", nameof(connectionString));
                }
            }
            else
            {
                driver[key] = value;
            }
        }

        var hosts = HostListReader.Read(driver, defaultPort);
        var endpoint = ClusterEndpoint.Parse(hosts[0].Host);
        var options = AuroraOptionsReader.Read(new OptionValueReader(ours), endpoint, hosts);
        var monitoringBuilder = new DbConnectionStringBuilder { ConnectionString = driver.ConnectionString };
        foreach (var (key, value) in monitoring)
        {
            monitoringBuilder[key] = value;
        }

        return new AuroraConnectionStringParts(
            options,
            driver.ConnectionString,
            Masked(driver),
            monitoringBuilder.ConnectionString,
            Masked(monitoringBuilder),
            monitoring,
            hosts,
            endpoint,
            options.ClusterId is { } id ? ClusterKey.FromClusterId(id) : ClusterKey.From(endpoint, hosts[0].Port),
            (IInstanceEndpointResolver?)options.InstanceEndpoints
                ?? (options.InstanceHostPattern is { } pattern ? new InstanceHostPatternResolver(pattern, hosts[0].Port) : null));
    }

    private static void ThrowIfOurKeyRepeats(IReadOnlyList<(string Key, bool IsEmpty)> scanned)
    {
        var repeated = scanned
            .Select(k => (k.Key, Canonical: OptionKeyName.TryGetCanonical(k.Key)))
            .Where(k => k.Canonical is not null)
            .GroupBy(k => k.Canonical!, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException(
                $"Option {repeated.Key} is given {repeated.Count()} times, as {string.Join(" and as ", repeated.Select(k => $"'{k.Key}'"))}; give it once.",
                repeated.Key);
        }
    }

    private static DbConnectionStringBuilder Load(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException e)
        {
            // The scanner checks the same grammar first, so this is a safety net; the builder's message carries at most a
            // position (or a key, which may be a secret's tail, so it is not repeated).
            var position = PositionInMessage().Match(e.Message);
            throw ConnectionStringSyntaxError.Unexplained(position.Success ? position.Groups[1].Value : null);
        }
    }

    private static string Masked(DbConnectionStringBuilder builder)
    {
        var masked = new DbConnectionStringBuilder();
        foreach (string key in builder.Keys)
        {
            masked[key] = SensitiveKeys.IsSensitive(key) ? SensitiveKeys.Mask : builder[key];
        }

        return masked.ConnectionString;
    }

    [GeneratedRegex(@"index (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PositionInMessage();
}
