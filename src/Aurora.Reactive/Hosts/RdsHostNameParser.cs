namespace Aurora.Reactive.Hosts;

/// <summary>
/// Reads the RDS endpoint shapes label by label. The domain comes in two orders:
/// <c>XYZ.REGION.rds.amazonaws.com[.cn]</c> (standard, older China) and <c>XYZ.rds.REGION.&lt;suffix&gt;</c>
/// (China, GovCloud, isolated regions); global writers use <c>XYZ.global.rds.amazonaws.com</c>.
/// </summary>
internal static class RdsHostNameParser
{
    private static readonly (string Prefix, EndpointKind Kind)[] KindPrefixes =
    [
        // Longer prefixes first: "cluster-" is a prefix of the other two cluster kinds.
        ("cluster-custom-", EndpointKind.ClusterCustom),
        ("cluster-ro-", EndpointKind.ClusterReader),
        ("cluster-", EndpointKind.ClusterWriter),
        ("proxy-", EndpointKind.RdsProxy),
        ("shardgrp-", EndpointKind.LimitlessShardGroup),
    ];

    private static readonly string[][] RegionFirstSuffixes = [["rds", "amazonaws", "com"], ["rds", "amazonaws", "com", "cn"]];

    private static readonly string[][] RdsFirstSuffixes =
        [["amazonaws", "com"], ["amazonaws", "com", "cn"], ["c2s", "ic", "gov"], ["sc2s", "sgov", "gov"]];

    /// <summary>Classifies <paramref name="host"/> (already checked as a host name) or returns <see langword="null"/> when it is no RDS endpoint.</summary>
    public static ClusterEndpoint? TryParse(string host)
    {
        var labels = host.ToLowerInvariant().Split('.');
        return TryGlobal(host, labels) ?? TryRegionFirst(host, labels) ?? TryRdsFirst(host, labels);
    }

    private static ClusterEndpoint? TryGlobal(string host, string[] labels)
    {
        if (!EndsWith(labels, ["global", "rds", "amazonaws", "com"]) || labels.Length < 6)
        {
            return null;
        }

        var kindLabel = labels[^5];
        const string prefix = "global-";
        var id = kindLabel.StartsWith(prefix, StringComparison.Ordinal) ? kindLabel[prefix.Length..] : null;
        var nameLabels = labels[..^5];
        if (id is null || !IsClusterId(id) || !nameLabels.All(DnsLabel.IsValid))
        {
            return null;
        }

        return new ClusterEndpoint(host, EndpointKind.GlobalWriter)
        {
            Partition = RdsPartition.Standard,
            ClusterName = string.Join('.', nameLabels),
            ClusterId = id,
            DomainSuffix = string.Join('.', labels[^4..].Prepend(id)),
        };
    }

    // NAME.[kind]XYZ.REGION.rds.amazonaws.com[.cn]
    private static ClusterEndpoint? TryRegionFirst(string host, string[] labels)
    {
        foreach (var suffix in RegionFirstSuffixes)
        {
            var regionIndex = labels.Length - suffix.Length - 1;
            if (regionIndex >= 2 && EndsWith(labels, suffix))
            {
                return Build(host, labels, kindIndex: regionIndex - 1, region: labels[regionIndex]);
            }
        }

        return null;
    }

    // NAME.[kind]XYZ.rds.REGION.<suffix>
    private static ClusterEndpoint? TryRdsFirst(string host, string[] labels)
    {
        foreach (var suffix in RdsFirstSuffixes)
        {
            var regionIndex = labels.Length - suffix.Length - 1;
            if (regionIndex >= 3 && EndsWith(labels, suffix) && labels[regionIndex - 1] == "rds")
            {
                return Build(host, labels, kindIndex: regionIndex - 2, region: labels[regionIndex]);
            }
        }

        return null;
    }

    private static ClusterEndpoint? Build(string host, string[] labels, int kindIndex, string region)
    {
        var kindLabel = labels[kindIndex];
        var nameLabels = labels[..kindIndex];
        if (!DnsLabel.IsValid(region) || !nameLabels.All(DnsLabel.IsValid))
        {
            return null;
        }

        var (kind, id) = SplitKind(kindLabel);
        if (!IsClusterId(id) || (kind == EndpointKind.RdsInstance && nameLabels.Length != 1))
        {
            return null;
        }

        var name = string.Join('.', nameLabels);
        return new ClusterEndpoint(host, kind)
        {
            Partition = PartitionOf(region, labels[^1]),
            ClusterName = kind == EndpointKind.RdsInstance ? null : name,
            InstanceId = kind == EndpointKind.RdsInstance ? name : null,
            ClusterId = id,
            Region = region,
            DomainSuffix = string.Join('.', labels[(kindIndex + 1)..].Prepend(id)),
        };
    }

    private static (EndpointKind Kind, string Id) SplitKind(string label)
    {
        foreach (var (prefix, kind) in KindPrefixes)
        {
            if (label.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (kind, label[prefix.Length..]);
            }
        }

        return (EndpointKind.RdsInstance, label);
    }

    private static RdsPartition PartitionOf(string region, string topLevelDomain) =>
        topLevelDomain switch
        {
            "cn" => RdsPartition.China,
            "gov" => RdsPartition.Isolated,
            _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => RdsPartition.GovCloud,
            _ => RdsPartition.Standard,
        };

    private static bool IsClusterId(string id) => id.Length > 0 && id.All(char.IsAsciiLetterOrDigit);

    private static bool EndsWith(string[] labels, string[] suffix) =>
        labels.Length > suffix.Length && labels.AsSpan(labels.Length - suffix.Length).SequenceEqual(suffix);
}
