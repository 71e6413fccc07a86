using System.Data.Common;

namespace Aurora.Reactive.Topology;

/// <summary>The built-in dialects, and detection of a live connection's flavour among them.</summary>
public static class ClusterDialects
{
    /// <summary>The built-in dialects in detection order: the most specific first, plain PostgreSQL replication last.</summary>
    public static IReadOnlyList<IClusterDialect> All { get; } =
        [AuroraPostgresDialect.Instance, AuroraMySqlDialect.Instance, PostgresReplicationDialect.Instance];

    /// <summary>Asks each candidate in turn whether the connection's server is of its flavour.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the detection queries.</param>
    /// <param name="candidates">The dialects to try, in order; <see langword="null"/> for <see cref="All"/>.</param>
    /// <returns>The first dialect that recognizes the server, or <see langword="null"/> when none does.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    public static async Task<IClusterDialect?> DetectAsync(
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
