namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// The queries that answer, on a <see cref="LocalMariaDbCluster"/>, what Aurora MySQL answers on Aurora, for a dialect
/// built over the emulation (<c>AuroraMySqlDialect.Emulated(TopologyTable, InstanceIdSql, IsReaderSql, DetectionSql)</c>),
/// so that Aurora MySQL's topology reading runs against real MariaDB servers.
/// </summary>
/// <remarks>Against a plain MariaDB or MySQL server the <see cref="DetectionSql"/> fails (unknown table), as Aurora's does.</remarks>
public static class MariaDbAuroraEmulation
{
    /// <summary>The view with the columns of Aurora's <c>information_schema.replica_host_status</c>, over the rows the kit's control plane publishes.</summary>
    public const string TopologyTable = MariaDbEmulationSql.EmulationSchema + ".replica_host_status";

    /// <summary>The node's instance id (the kit sets <c>report_host</c> to it), in place of <c>@@aurora_server_id</c>.</summary>
    public const string InstanceIdSql = "SELECT CAST(@@report_host AS CHAR)";

    /// <summary>The node's role, 1 on a reader: the kit runs replicas with <c>read_only=ON</c> (not <c>innodb_read_only</c>, as Aurora does).</summary>
    public const string IsReaderSql = "SELECT CAST(@@read_only AS SIGNED)";

    /// <summary>Answers the number of published rows (as text) where the emulation exists, in place of <c>@@aurora_version</c>.</summary>
    public const string DetectionSql = "SELECT CAST(COUNT(*) AS CHAR) FROM " + TopologyTable;
}
