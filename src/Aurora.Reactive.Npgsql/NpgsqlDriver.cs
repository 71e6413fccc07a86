using System.Data;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Npgsql;

namespace Aurora.Reactive.Npgsql;

/// <summary>
/// The Npgsql driver. Physical connections come from one <see cref="NpgsqlDataSource"/> per host (see
/// <see cref="CreateConnectionFactory"/>), so each node has its own Npgsql pool and a connection to the
/// initial node costs what a plain pooled Npgsql connection costs.
/// </summary>
public sealed class NpgsqlDriver : IDatabaseDriver
{
    private NpgsqlDriver()
    {
    }

    /// <summary>The shared instance; the driver holds no state.</summary>
    public static NpgsqlDriver Instance { get; } = new();

    /// <inheritdoc/>
    public string DisplayName => "Npgsql";

    /// <inheritdoc/>
    public IDriverErrorClassifier ErrorClassifier => NpgsqlErrorClassifier.Instance;

    /// <summary>
    /// Creates the per-cluster factory. It keeps one <see cref="NpgsqlDataSource"/> per distinct host and
    /// port, created on first use from the base connection string with the host and port replaced, and
    /// disposes them all when disposed. The initial node's data source is held in a field, so opening a
    /// connection to it does no lookup.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string. With several hosts, the first names the initial node.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or Npgsql rejects it; the message names the problem, never the password.</exception>
    public IHostConnectionFactory CreateConnectionFactory(string connectionString) => new NpgsqlHostConnectionFactory(connectionString);

    /// <inheritdoc/>
    /// <remarks>Each host's <see cref="NpgsqlDataSource"/> is built with <see cref="NpgsqlDataSourceBuilder.UsePasswordProvider"/>.</remarks>
    public IHostConnectionFactory CreateConnectionFactory(string connectionString, Func<HostSpec, CancellationToken, ValueTask<string>> passwordProvider)
    {
        ArgumentNullException.ThrowIfNull(passwordProvider);
        return new NpgsqlHostConnectionFactory(connectionString, passwordProvider);
    }

    /// <inheritdoc/>
    public DbParameter CreateParameter() => new NpgsqlParameter();

    /// <inheritdoc/>
    /// <value><see cref="NpgsqlFactory.Instance"/>.</value>
    public DbProviderFactory ProviderFactory => NpgsqlFactory.Instance;

    /// <inheritdoc/>
    public string GetReadOnlySql(bool readOnly) =>
        readOnly ? "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY" : "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE";

    /// <inheritdoc/>
    public string GetIsolationLevelSql(IsolationLevel isolationLevel) =>
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + isolationLevel switch
        {
            IsolationLevel.ReadUncommitted => "READ UNCOMMITTED",
            IsolationLevel.ReadCommitted or IsolationLevel.Unspecified => "READ COMMITTED",
            IsolationLevel.RepeatableRead or IsolationLevel.Snapshot => "REPEATABLE READ",
            IsolationLevel.Serializable => "SERIALIZABLE",
            _ => throw new ArgumentOutOfRangeException(nameof(isolationLevel), isolationLevel, $"PostgreSQL has no isolation level {isolationLevel}."),
        };
}
