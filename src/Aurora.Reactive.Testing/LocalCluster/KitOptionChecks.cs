using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>The checks every local cluster's options share: reader count, instance ids, delays and timeouts.</summary>
internal static class KitOptionChecks
{
    /// <summary>The most readers a cluster may have, as in Aurora.</summary>
    internal const int MaxReaderCount = 15;

    /// <summary>Checks the options every kit has; messages name the option and its value.</summary>
    /// <exception cref="ArgumentException">An option has a value the kit cannot use.</exception>
    internal static void ValidateShape(int readerCount, IReadOnlyList<string>? instanceIds, TimeSpan publicationDelay, TimeSpan repointDelay, TimeSpan startupTimeout)
    {
        if (readerCount is < 0 or > MaxReaderCount)
        {
            throw new ArgumentException($"ReaderCount is {readerCount}; it must be between 0 and {MaxReaderCount}.", "ReaderCount");
        }

        ValidateInstanceIds(instanceIds, readerCount);
        ValidateDelay("TopologyPublicationDelay", publicationDelay, allowZero: true);
        ValidateDelay("EndpointRepointDelay", repointDelay, allowZero: true);
        ValidateDelay("StartupTimeout", startupTimeout, allowZero: false);
    }

    /// <summary>The instance ids to use, writer first: the given ones, or <c>instance-1</c>, <c>instance-2</c>, ...</summary>
    internal static IReadOnlyList<string> ResolveInstanceIds(IReadOnlyList<string>? instanceIds, int readerCount) =>
        instanceIds ?? Enumerable.Range(1, readerCount + 1).Select(i => "instance-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static void ValidateInstanceIds(IReadOnlyList<string>? instanceIds, int readerCount)
    {
        if (instanceIds is null)
        {
            return;
        }

        if (instanceIds.Count != readerCount + 1)
        {
            throw new ArgumentException(
                $"InstanceIds has {instanceIds.Count} ids ({string.Join(", ", instanceIds)}) but ReaderCount {readerCount} needs {readerCount + 1}: the writer's, then one per reader.",
                "InstanceIds");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in instanceIds)
        {
            if (!DnsLabel.IsValid(id))
            {
                throw new ArgumentException(
                    $"InstanceIds contains '{id}', which is not a DNS label (1 to 63 letters, digits or hyphens, not starting or ending with a hyphen).",
                    "InstanceIds");
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"InstanceIds contains '{id}' twice; instance ids must be distinct.", "InstanceIds");
            }
        }
    }

    private static void ValidateDelay(string name, TimeSpan value, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > TimeSpan.FromHours(1))
        {
            throw new ArgumentException(
                $"{name} is {value}; it must be {(allowZero ? "zero or more" : "more than zero")} and at most one hour.", name);
        }
    }
}
