using System.Data.Common;

namespace Aurora.Reactive.Topology;

/// <summary>
/// The built-in dialects a driver returns as its <see cref="Drivers.IDatabaseDriver.AuroraDialect"/> and
/// <see cref="Drivers.IDatabaseDriver.ReplicationDialect"/> (a driver that returns none gets the PostgreSQL ones), and
/// detection of a live connection's flavour among them.
/// </summary>
public static class ClusterDialects
{
    /// <summary>Aurora MySQL: the topology is read from <c>information_schema.replica_host_status</c>.</summary>
    public static IClusterDialect AuroraMySql => AuroraMySqlDialect.Instance;

    /// <summary>
    /// Plain MySQL or MariaDB replication (a self-managed primary and read-only replicas): each node is asked
    /// <c>@@read_only</c>. Replicas must run with <c>read_only=ON</c>, as promotion tools (and the test kit) set it.
    /// </summary>
    public static IClusterDialect MySqlReplication => MySqlReplicationDialect.Instance;

    /// <summary>
    /// The Aurora MySQL dialect over an emulation of Aurora: the topology is read from <paramref name="topologyTable"/>
    /// (the columns of <c>information_schema.replica_host_status</c>, with the same filter), the other questions are
    /// the given queries. Meant for test kits (such as the MariaDB kit's Aurora emulation); a real Aurora cluster
    /// needs <see cref="AuroraMySql"/>.
    /// </summary>
    /// <param name="topologyTable">The schema-qualified table or view with Aurora's topology columns, such as <c>aurora_emulation.replica_host_status</c>.</param>
    /// <param name="instanceIdSql">The query answering the connected node's instance id (the ids the table lists).</param>
    /// <param name="isReaderSql">The query answering 1 (or true) on a reader.</param>
    /// <param name="detectionSql">A query that answers a non-empty value on the emulation and fails elsewhere.</param>
    /// <returns>A new dialect named <c>aurora-mysql(</c><paramref name="topologyTable"/><c>)</c>.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or <paramref name="topologyTable"/> is not a plain (optionally schema-qualified) name.</exception>
    public static IClusterDialect EmulatedAuroraMySql(string topologyTable, string instanceIdSql, string isReaderSql, string detectionSql) =>
        AuroraMySqlDialect.Emulated(topologyTable, instanceIdSql, isReaderSql, detectionSql);

    /// <summary>The built-in dialects in detection order: the most specific first, plain PostgreSQL replication last.</summary>
    internal static IReadOnlyList<IClusterDialect> All { get; } =
        [AuroraPostgresDialect.Instance, AuroraMySqlDialect.Instance, PostgresReplicationDialect.Instance];

    /// <summary>Asks each candidate in turn whether the connection's server is of its flavour.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the detection queries.</param>
    /// <param name="candidates">The dialects to try, in order; <see langword="null"/> for <see cref="All"/>.</param>
    /// <returns>The first dialect that recognizes the server, or <see langword="null"/> when none does.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    internal static async Task<IClusterDialect?> DetectAsync(
        DbConnection connection, CancellationToken cancellationToken = default, IEnumerable<IClusterDialect>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var dialect in candidates ?? All)
        {
            if (await dialect.IsDialectAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return dialect;
            }
        }

        return null;
    }
}
