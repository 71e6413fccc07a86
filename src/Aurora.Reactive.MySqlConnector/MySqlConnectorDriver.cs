using System.Data;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.MySql;
using Aurora.Reactive.Topology;
using MySqlConnector;

namespace Aurora.Reactive.MySqlConnector;

/// <summary>
/// The MySqlConnector driver: connections are <see cref="MySqlConnection"/>s from MySqlConnector's own pools (one per
/// node), errors are classified by <see cref="MySqlException.ErrorCode"/> (<see cref="MySqlConnectorErrorClassifier"/>),
/// and cancellation is MySqlConnector's own asynchronous cancel, which never blocks the caller. The dialect follows the
/// server: Aurora MySQL where <c>@@aurora_version</c> answers, MySQL or MariaDB replication elsewhere.
/// </summary>
/// <example>
/// <code>
/// await using var dataSource = AuroraDataSource.Create(
///     "Server=db.cluster-xyz.us-east-1.rds.amazonaws.com;User ID=app;Password=...;Database=shop", MySqlConnectorDriver.Instance);
/// </code>
/// </example>
public sealed class MySqlConnectorDriver : IDatabaseDriver
{
    private readonly MySqlDriver _common = MySqlDriver.Create(cs => new MySqlConnection(cs), "MySqlConnector", blocksInAsyncCalls: false);

    private MySqlConnectorDriver()
    {
    }

    /// <summary>The shared instance; the driver holds no per-cluster state.</summary>
    public static MySqlConnectorDriver Instance { get; } = new();

    /// <inheritdoc/>
    /// <value><c>MySqlConnector</c>.</value>
    public string DisplayName => _common.DisplayName;

    /// <inheritdoc/>
    /// <value><see cref="MySqlConnectorErrorClassifier.Instance"/>.</value>
    public IDriverErrorClassifier ErrorClassifier => MySqlConnectorErrorClassifier.Instance;

    /// <inheritdoc/>
    /// <value><see cref="ClusterDialects.AuroraMySql"/>, chosen only when the server answers <c>@@aurora_version</c>.</value>
    public IClusterDialect AuroraDialect => ClusterDialects.AuroraMySql;

    /// <inheritdoc/>
    /// <value><see cref="ClusterDialects.MySqlReplication"/>: roles from <c>@@read_only</c>.</value>
    public IClusterDialect ReplicationDialect => ClusterDialects.MySqlReplication;

    /// <inheritdoc/>
    /// <value>3306.</value>
    public int DefaultPort => _common.DefaultPort;

    /// <inheritdoc/>
    /// <value><see langword="false"/>: MySqlConnector is asynchronous throughout.</value>
    public bool BlocksInAsyncCalls => false;

    /// <inheritdoc/>
    /// <remarks>
    /// The first host of <c>Server</c> names the initial node, with <c>Port</c> or 3306; connections to other nodes use the
    /// same string with <c>Server</c> and <c>Port</c> replaced, so each node has its own MySqlConnector pool, which
    /// <see cref="IHostConnectionFactory.ClearPoolAsync"/> clears with <c>MySqlConnection.ClearPoolAsync</c>.
    /// </remarks>
    public IHostConnectionFactory CreateConnectionFactory(string connectionString) =>
        new MySqlConnectorHostConnectionFactory(_common.CreateConnectionFactory(connectionString));

    /// <inheritdoc/>
    /// <remarks>Every connection the factory creates asks <paramref name="passwordProvider"/> through <see cref="MySqlConnection.ProvidePasswordCallback"/>.</remarks>
    public IHostConnectionFactory CreateConnectionFactory(string connectionString, Func<HostSpec, CancellationToken, ValueTask<string>> passwordProvider)
    {
        ArgumentNullException.ThrowIfNull(passwordProvider);
        var factory = _common.CreateConnectionFactory(connectionString);
        if (!string.IsNullOrEmpty(new MySqlConnectionStringBuilder(connectionString).Password))
        {
            factory.Dispose();
            throw new ArgumentException("The connection string sets Password and a password provider is given as well; use one of the two.", nameof(connectionString));
        }

        return new MySqlConnectorHostConnectionFactory(factory, passwordProvider);
    }

    /// <inheritdoc/>
    /// <returns>A new <see cref="MySqlParameter"/>.</returns>
    public DbParameter CreateParameter() => new MySqlParameter();

    /// <inheritdoc/>
    /// <value><see cref="MySqlConnectorFactory.Instance"/>: batches, command builder and data adapter are MySqlConnector's.</value>
    public DbProviderFactory ProviderFactory => MySqlConnectorFactory.Instance;

    /// <inheritdoc/>
    public string GetReadOnlySql(bool readOnly) => _common.GetReadOnlySql(readOnly);

    /// <inheritdoc/>
    public string GetIsolationLevelSql(IsolationLevel isolationLevel) => _common.GetIsolationLevelSql(isolationLevel);
}
