namespace Aurora.Reactive.Options;

/// <summary>
/// The codes of the <c>plugins</c> option: <c>failover</c> and <c>host_monitoring</c>, comma-separated, failover
/// first. An empty list or <c>none</c> loads no plugin.
/// </summary>
internal static class AuroraPluginNames
{
    private static readonly (string Code, AuroraPlugin Plugin)[] Codes =
    [
        ("failover", AuroraPlugin.Failover),
        ("host_monitoring", AuroraPlugin.HostMonitoring),
    ];

    /// <summary>Reads a plugin list.</summary>
    /// <param name="value">Comma-separated plugin codes; empty or <c>none</c> for no plugins.</param>
    /// <returns>The plugins in the order given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A code is unknown or empty, a plugin is listed twice, or host_monitoring comes before failover; the message names the key <c>plugins</c> and the value.</exception>
    public static IReadOnlyList<AuroraPlugin> ParseList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParseList(value, out var reason)
            ?? throw new ArgumentException($"{AuroraOptionKeys.Plugins} value '{value}' is invalid: {reason}.", nameof(value));
    }

    /// <summary>Reads a plugin list, or returns <see langword="null"/> and why it is invalid.</summary>
    internal static IReadOnlyList<AuroraPlugin>? TryParseList(string value, out string? reason)
    {
        reason = null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || string.Equals(trimmed, "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var plugins = new List<AuroraPlugin>();
        foreach (var code in trimmed.Split(','))
        {
            var plugin = TryParseCode(code);
            if (plugin is null)
            {
                reason = $"'{code.Trim()}' is not a plugin code; known codes: {string.Join(", ", Codes.Select(c => c.Code))}";
                return null;
            }

            plugins.Add(plugin.Value);
        }

        reason = DescribeOrderProblem(plugins);
        return reason is null ? plugins : null;
    }

    /// <summary>The code of <paramref name="plugin"/>.</summary>
    /// <param name="plugin">The plugin.</param>
    /// <returns>The code, such as <c>host_monitoring</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="plugin"/> is not a defined plugin.</exception>
    public static string ToCode(AuroraPlugin plugin)
    {
        foreach (var (code, candidate) in Codes)
        {
            if (candidate == plugin)
            {
                return code;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(plugin), plugin, $"Plugin {plugin} is not defined.");
    }

    /// <summary>Why a plugin list is not acceptable (a duplicate, or host_monitoring before failover), or <see langword="null"/> when it is.</summary>
    internal static string? DescribeOrderProblem(IReadOnlyList<AuroraPlugin> plugins)
    {
        var duplicate = plugins.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"'{ToCode(duplicate.Key)}' is listed twice";
        }

        var failover = IndexOf(plugins, AuroraPlugin.Failover);
        var monitoring = IndexOf(plugins, AuroraPlugin.HostMonitoring);
        return failover >= 0 && monitoring >= 0 && monitoring < failover
            ? "host_monitoring must come after failover (e.g. failover,host_monitoring)"
            : null;
    }

    private static int IndexOf(IReadOnlyList<AuroraPlugin> plugins, AuroraPlugin plugin)
    {
        for (var i = 0; i < plugins.Count; i++)
        {
            if (plugins[i] == plugin)
            {
                return i;
            }
        }

        return -1;
    }

    private static AuroraPlugin? TryParseCode(string code)
    {
        var normalized = OptionKeyName.Normalize(code.Trim());
        foreach (var (name, plugin) in Codes)
        {
            if (normalized.Length > 0 && OptionKeyName.Normalize(name) == normalized)
            {
                return plugin;
            }
        }

        return null;
    }
}
