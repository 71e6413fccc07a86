using System.Data.Common;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Plain PostgreSQL streaming replication (self-managed primary and hot standbys): each node is asked
/// <c>pg_is_in_recovery()</c> (see <see cref="NodeRoleDialect"/>).
/// </summary>
internal sealed class PostgresReplicationDialect : NodeRoleDialect
{
    /// <summary>The connected node's role: <see langword="true"/> for a standby.</summary>
    public const string IsReaderSql = "SELECT pg_catalog.pg_is_in_recovery()";

    private const string VersionSql = "SELECT pg_catalog.version()";

    private PostgresReplicationDialect()
        : base("postgresql-replication", IsReaderSql)
    {
    }

    /// <summary>The shared instance; the dialect holds no state.</summary>
    public static PostgresReplicationDialect Instance { get; } = new();

    /// <inheritdoc/>
    /// <remarks>Any PostgreSQL server answers <c>version()</c> and <c>pg_is_in_recovery()</c>; check Aurora first when both may apply.</remarks>
    protected override async Task<bool> RecognizesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var version = DbValueConversions.ToNullableString(await ScalarAsync(connection, VersionSql, cancellationToken).ConfigureAwait(false));
        if (version is null || !version.StartsWith("PostgreSQL", StringComparison.Ordinal))
        {
            return false;
        }

        await ScalarAsync(connection, IsReaderSql, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
