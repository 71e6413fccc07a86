namespace Aurora.Reactive.Hosts;

/// <summary>The AWS partition an RDS endpoint's domain belongs to.</summary>
internal enum RdsPartition
{
    /// <summary>Not an RDS endpoint.</summary>
    None = 0,

    /// <summary>The standard partition: <c>*.REGION.rds.amazonaws.com</c>.</summary>
    Standard = 1,

    /// <summary>China: <c>*.rds.cn-REGION.amazonaws.com.cn</c> and the older <c>*.cn-REGION.rds.amazonaws.com.cn</c>.</summary>
    China = 2,

    /// <summary>AWS GovCloud (US): <c>*.rds.us-gov-REGION.amazonaws.com</c> and <c>*.us-gov-REGION.rds.amazonaws.com</c>.</summary>
    GovCloud = 3,

    /// <summary>The isolated (secret/top-secret) regions: <c>*.rds.REGION.c2s.ic.gov</c> and <c>*.rds.REGION.sc2s.sgov.gov</c>.</summary>
    Isolated = 4,
}
