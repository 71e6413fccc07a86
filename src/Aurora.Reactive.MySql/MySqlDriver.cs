using System.Data;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.MySql;

/// <summary>
/// A MySQL driver over any ADO.NET MySQL provider, plugged in by a connection factory, so no provider is a
/// dependency of this library. Errors are classified by <see cref="MySqlErrorClassifier"/> from the provider's
/// error number and SQLSTATE; session state uses <see cref="MySqlSessionStatements"/>.
/// </summary>
/// <example>
/// MySqlConnector:
/// <code>
/// var driver = MySqlDriver.Create(cs => new MySqlConnector.MySqlConnection(cs));
/// </code>
/// MySql.Data (against MariaDB add <c>CharacterSet=utf8mb4</c> to the connection string):
/// <code>
/// var driver = MySqlDriver.Create(cs => new MySql.Data.MySqlClient.MySqlConnection(cs), "MySql.Data");
/// await using var dataSource = AuroraDataSource.Create("Server=db.cluster-xyz.us-east-1.rds.amazonaws.com;User ID=app;Password=...;Database=shop", driver, settings);
/// </code>
/// </example>
public sealed class MySqlDriver : IDatabaseDriver
{
    private readonly Func<string, DbConnection> _createConnection;
    private readonly Lazy<DbProviderFactoryParameters> _parameters;

    private readonly Lazy<bool> _blocksInAsyncCalls;

    private MySqlDriver(Func<string, DbConnection> createConnection, string displayName, bool? blocksInAsyncCalls)
    {
        _createConnection = createConnection;
        DisplayName = displayName;
        _parameters = new Lazy<DbProviderFactoryParameters>(() => new DbProviderFactoryParameters(createConnection));
        _blocksInAsyncCalls = new Lazy<bool>(() => blocksInAsyncCalls ?? IsBlockingProvider(createConnection));
    }

    /// <inheritdoc/>
    /// <value>3306.</value>
    public int DefaultPort => 3306;

    /// <inheritdoc/>
    /// <value>As given to <see cref="Create"/>; by default <see langword="true"/> for MySql.Data, whose asynchronous methods run synchronously.</value>
    public bool BlocksInAsyncCalls => _blocksInAsyncCalls.Value;

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public IDriverErrorClassifier ErrorClassifier => MySqlErrorClassifier.Instance;

    /// <inheritdoc/>
    /// <value><see cref="AuroraMySqlDialect"/>.</value>
    public IClusterDialect AuroraDialect => ClusterDialects.AuroraMySql;

    /// <inheritdoc/>
    /// <value><see cref="MySqlReplicationDialect"/>: roles from <c>@@read_only</c>.</value>
    public IClusterDialect ReplicationDialect => ClusterDialects.MySqlReplication;

    /// <summary>Creates a driver over a provider.</summary>
    /// <param name="createConnection">Creates a new, closed provider connection for a connection string, such as <c>cs =&gt; new MySqlConnector.MySqlConnection(cs)</c>.</param>
    /// <param name="displayName">The provider's name for messages and logs.</param>
    /// <returns>The driver; it holds no per-cluster state and may be shared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="createConnection"/> is <see langword="null"/>.</exception>
    /// <param name="blocksInAsyncCalls">Whether the provider's asynchronous methods block their caller (see
    /// <see cref="IDatabaseDriver.BlocksInAsyncCalls"/>); <see langword="null"/> to tell from the provider: MySql.Data does, MySqlConnector does not.</param>
    /// <exception cref="ArgumentException"><paramref name="displayName"/> is empty.</exception>
    public static MySqlDriver Create(Func<string, DbConnection> createConnection, string displayName = "MySQL", bool? blocksInAsyncCalls = null)
    {
        ArgumentNullException.ThrowIfNull(createConnection);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return new MySqlDriver(createConnection, displayName, blocksInAsyncCalls);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The first host of <c>Server</c> (or a synonym: <c>Host</c>, <c>Data Source</c>...) names the initial node, with
    /// <c>Port</c> or 3306. Connections to other nodes use the same string with <c>Server</c> and <c>Port</c> replaced.
    /// </remarks>
    public IHostConnectionFactory CreateConnectionFactory(string connectionString) => new MySqlHostConnectionFactory(_createConnection, connectionString);

    /// <inheritdoc/>
    public DbParameter CreateParameter() => _parameters.Value.Create();

    /// <inheritdoc/>
    /// <value>The factory of the provider's connection type, when the provider has one.</value>
    public DbProviderFactory? ProviderFactory => _parameters.Value.Factory;

    /// <inheritdoc/>
    public string GetReadOnlySql(bool readOnly) => MySqlSessionStatements.ReadOnly(readOnly);

    /// <inheritdoc/>
    public string GetIsolationLevelSql(IsolationLevel isolationLevel) => MySqlSessionStatements.Isolation(isolationLevel);

    private static bool IsBlockingProvider(Func<string, DbConnection> createConnection)
    {
        using var probe = createConnection(string.Empty);
        return string.Equals(probe.GetType().Assembly.GetName().Name, "MySql.Data", StringComparison.OrdinalIgnoreCase);
    }
}
