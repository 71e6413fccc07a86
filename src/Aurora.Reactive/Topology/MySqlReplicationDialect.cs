using System.Data.Common;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Plain MySQL or MariaDB replication (a self-managed primary and read-only replicas): each node is asked
/// <c>@@read_only</c> (see <see cref="NodeRoleDialect"/>). Replicas must run with <c>read_only=ON</c>, as
/// promotion tools (and the test kit) set it.
/// </summary>
/// <remarks>Variables are cast: MySql.Data cannot read MariaDB's <c>@@</c> values as they come.</remarks>
internal sealed class MySqlReplicationDialect : NodeRoleDialect
{
    /// <summary>The connected node's role: 1 for a read-only replica.</summary>
    public const string IsReaderSql = "SELECT CAST(@@read_only AS SIGNED)";

    /// <summary>Answers the server version on MySQL and MariaDB; PostgreSQL refuses the <c>@@</c> syntax.</summary>
    public const string DetectionSql = "SELECT CAST(@@version AS CHAR)";

    private MySqlReplicationDialect()
        : base("mysql-replication", IsReaderSql)
    {
    }

    /// <summary>The shared instance; the dialect holds no state.</summary>
    public static MySqlReplicationDialect Instance { get; } = new();

    /// <inheritdoc/>
    /// <remarks>Any MySQL or MariaDB server answers; check Aurora MySQL first when both may apply.</remarks>
    protected override async Task<bool> RecognizesAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, DetectionSql, cancellationToken).ConfigureAwait(false) is string { Length: > 0 };
}
