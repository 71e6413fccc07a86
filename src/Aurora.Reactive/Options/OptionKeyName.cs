namespace Aurora.Reactive.Options;

/// <summary>Key spellings: the seed's <c>failover_mode</c>, the .NET-style <c>Failover Mode</c>, <c>FailoverMode</c> and <c>failover-mode</c> are one key.</summary>
internal static class OptionKeyName
{
    private static readonly string[] MonitoringPrefixes = ["monitoring_", "monitoring-", "monitoring "];

    private static readonly Dictionary<string, string> CanonicalByNormalized =
        AuroraOptionKeys.All.ToDictionary(Normalize, k => k, StringComparer.Ordinal);

    /// <summary>Lower case, with spaces, underscores and hyphens removed.</summary>
    public static string Normalize(string key) =>
        string.Concat(key.Where(c => c is not (' ' or '_' or '-'))).ToLowerInvariant();

    /// <summary>The seed name of one of our keys, or <see langword="null"/> when the key is not ours.</summary>
    public static string? TryGetCanonical(string key) =>
        CanonicalByNormalized.GetValueOrDefault(Normalize(key));

    /// <summary>For a monitoring key, the driver key after the prefix (possibly empty); otherwise <see langword="null"/>.</summary>
    public static string? TryStripMonitoringPrefix(string key)
    {
        var trimmed = key.Trim();
        foreach (var prefix in MonitoringPrefixes)
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[prefix.Length..].Trim();
            }
        }

        return null;
    }
}
