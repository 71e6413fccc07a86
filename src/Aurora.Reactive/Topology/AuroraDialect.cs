using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// What the Aurora flavours share: a topology query whose five columns are read the same way (server id,
/// writer flag, CPU, replica lag, last update), an instance-id query and a read-only query. Each flavour
/// gives its SQL, its name and how to detect it.
/// </summary>
internal abstract class AuroraDialect : IClusterDialect
{
    private readonly string _topologySql;
    private readonly string _instanceIdSql;
    private readonly string _isReaderSql;

    /// <summary>Creates the dialect from its SQL.</summary>
    /// <param name="topologySql">The topology query.</param>
    /// <param name="instanceIdSql">The query answering the connected node's instance id.</param>
    /// <param name="isReaderSql">The query answering whether the connected node is read-only.</param>
    private protected AuroraDialect(string topologySql, string instanceIdSql, string isReaderSql)
    {
        _topologySql = topologySql;
        _instanceIdSql = instanceIdSql;
        _isReaderSql = isReaderSql;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public string? TopologyQuery => _topologySql;

    /// <inheritdoc/>
    /// <remarks>The writer flag may come as a boolean or an integer, and a timestamp without a zone is taken as UTC.</remarks>
    public TopologyRow ReadTopologyRow(IDataRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new TopologyRow(
            DbValueConversions.ToNullableString(record.GetValue(0)),
            DbValueConversions.ToBoolean(record.GetValue(1)),
            DbValueConversions.ToNullableDouble(record.GetValue(2)),
            DbValueConversions.ToNullableDouble(record.GetValue(3)),
            DbValueConversions.ToNullableTimestamp(record.GetValue(4)));
    }

    /// <inheritdoc/>
    public async Task<TopologyReadResult> ReadTopologyAsync(
        DbConnection connection, HostSpec connectedHost, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await DbQueries.RowsAsync(connection, _topologySql, ReadTopologyRow, cancellationToken).ConfigureAwait(false);
        return TopologyRowReader.Read(rows, resolveHost, readAt, connectedHost);
    }

    /// <inheritdoc/>
    public async Task<string> GetInstanceIdAsync(DbConnection connection, HostSpec connectedHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var id = DbValueConversions.ToNullableString(await DbQueries.ScalarAsync(connection, _instanceIdSql, cancellationToken).ConfigureAwait(false));
        return string.IsNullOrWhiteSpace(id)
            ? throw new InvalidOperationException($"The node {connectedHost?.Endpoint} returned no Aurora instance id.")
            : id;
    }

    /// <inheritdoc/>
    public async Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return DbValueConversions.ToBoolean(await DbQueries.ScalarAsync(connection, _isReaderSql, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public abstract Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken);
}
