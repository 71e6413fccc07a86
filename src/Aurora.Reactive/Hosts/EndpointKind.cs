namespace Aurora.Reactive.Hosts;

/// <summary>What kind of address a connection host is, as <see cref="ClusterEndpoint.Parse"/> classifies it.</summary>
internal enum EndpointKind
{
    /// <summary>A host name that is none of the RDS shapes: a custom domain (DNS alias, load balancer, self-managed node).</summary>
    CustomDomain = 0,

    /// <summary>An Aurora cluster (writer) endpoint: <c>NAME.cluster-XYZ.REGION.rds.amazonaws.com</c>.</summary>
    ClusterWriter = 1,

    /// <summary>An Aurora reader endpoint: <c>NAME.cluster-ro-XYZ.REGION.rds.amazonaws.com</c>.</summary>
    ClusterReader = 2,

    /// <summary>An Aurora custom endpoint: <c>NAME.cluster-custom-XYZ.REGION.rds.amazonaws.com</c>.</summary>
    ClusterCustom = 3,

    /// <summary>An RDS Proxy endpoint: <c>NAME.proxy-XYZ.REGION.rds.amazonaws.com</c>.</summary>
    RdsProxy = 4,

    /// <summary>One DB instance: <c>INSTANCE.XYZ.REGION.rds.amazonaws.com</c>.</summary>
    RdsInstance = 5,

    /// <summary>An Aurora Limitless shard group endpoint: <c>NAME.shardgrp-XYZ.REGION.rds.amazonaws.com</c>.</summary>
    LimitlessShardGroup = 6,

    /// <summary>An Aurora global database writer endpoint: <c>NAME.global-XYZ.global.rds.amazonaws.com</c>.</summary>
    GlobalWriter = 7,

    /// <summary>An IPv4 literal such as <c>10.0.0.12</c>.</summary>
    IPv4Address = 8,

    /// <summary>An IPv6 literal such as <c>::1</c> (brackets removed).</summary>
    IPv6Address = 9,

    /// <summary>The name <c>localhost</c>.</summary>
    Localhost = 10,
}
