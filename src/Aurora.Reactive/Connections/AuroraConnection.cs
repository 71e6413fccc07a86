using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>
/// A logical connection: an ordinary <see cref="DbConnection"/> (Dapper and other ADO.NET code use it
/// unchanged) whose physical driver connection may move to another node. When the data source has a
/// failover handler, an error that means the node is gone makes the connection fail over and throw a
/// <see cref="Failover.FailoverException"/>; keep the connection object after
/// <see cref="Failover.FailoverSuccessException"/> and <see cref="Failover.TransactionResolutionUnknownException"/>,
/// it works on the new node. Every other driver error reaches the caller as the driver raised it.
/// Like every ADO.NET connection, not safe for concurrent use, except <see cref="ReportHostLost"/>.
/// With enhanced failure monitoring on (<see cref="AuroraConnectionSettings.HostMonitoring"/>), every command is
/// watched by its host's shared monitor and released as soon as the host is declared dead: with failover, the
/// caller gets the failover outcome; without, a <see cref="Monitoring.HostUnavailableException"/> and the
/// connection is <see cref="ConnectionState.Broken"/>. Synchronous calls are released too (on a monitored
/// connection they wait on the driver's asynchronous call).
/// </summary>
/// <remarks>
/// Dapper recognises PostgreSQL by the connection's type name, so through an <see cref="AuroraConnection"/>
/// it expands an array parameter into a list (<c>IN @ids</c> works; <c>= ANY(@ids)</c> does not, unless the
/// parameter has <see cref="DbType.Object"/>, as the README shows). Only
/// ADO.NET transactions (<see cref="BeginTransaction()"/>) are known to the connection; a transaction opened
/// with SQL text (<c>BEGIN</c>) fails over as if none were open.
/// </remarks>
/// <example>
/// Keep the connection object when a failover succeeded; do not dispose it on every error:
/// <code>
/// await using var connection = await dataSource.OpenConnectionAsync(ct);
/// for (var attempt = 1; ; attempt++)
/// {
///     try
///     {
///         await using var transaction = await connection.BeginTransactionAsync(ct);
///         await connection.ExecuteAsync("UPDATE accounts SET balance = balance - 10 WHERE id = 1", transaction: transaction);
///         await connection.ExecuteAsync("UPDATE accounts SET balance = balance + 10 WHERE id = 2", transaction: transaction);
///         await transaction.CommitAsync(ct);
///         break;
///     }
///     catch (FailoverException error) when (error.IsConnectionUsable &amp;&amp; attempt &lt; 3)
///     {
///         // FailoverSuccessException or TransactionResolutionUnknownException: the same connection now
///         // works on another node; session state not registered for replay is gone. Redo the work.
///     }
///     // FailoverFailedException, and every ordinary driver error (unwrapped), reach the caller.
/// }
/// </code>
/// </example>
public sealed partial class AuroraConnection : DbConnection, ILogicalConnection
{
    private readonly IDatabaseDriver _driver;
    private readonly ConnectionStateMachine _machine;
    private AuroraDataSource? _source;
    private string? _connectionString;
    private bool _disposed;

    internal AuroraConnection(AuroraDataSource dataSource)
    {
        _machine = new ConnectionStateMachine(this);
        _driver = dataSource.Driver;
        _source = dataSource;
    }

    /// <summary>Creates a closed connection with no connection string; set <see cref="ConnectionString"/> before opening it.</summary>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="driver"/> is <see langword="null"/>.</exception>
    public AuroraConnection(IDatabaseDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        _machine = new ConnectionStateMachine(this);
        _driver = driver;
    }

    /// <summary>
    /// Creates a closed connection from a connection string with this library's keys and the driver's, as
    /// <c>new NpgsqlConnection(connectionString)</c> does: every connection made from the same string shares one
    /// data source (see <see cref="ConnectionString"/>).
    /// </summary>
    /// <param name="connectionString">The connection string, read by <see cref="Options.AuroraConnectionString.Parse"/>.</param>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="driver"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is invalid (the message names the key and value), or the driver rejects its part.</exception>
    public AuroraConnection(string? connectionString, IDatabaseDriver driver)
        : this(driver)
    {
        ConnectionString = connectionString;
    }

    /// <summary>The data source this connection belongs to, or <see langword="null"/> while it has no connection string.</summary>
    public AuroraDataSource? AuroraDataSource => _source;

    /// <summary>The database of the open physical connection, or the data source's database when closed (empty without a connection string).</summary>
    public override string Database => _machine.Physical?.Database ?? _source?.Connections.Database ?? string.Empty;

    /// <summary>The <c>host:port</c> of the node the connection is on, or of the initial node when closed (empty without a connection string).</summary>
    public override string DataSource => (_machine.Host ?? _source?.Connections.InitialHost)?.Endpoint ?? string.Empty;

    /// <summary>The server version reported by the physical connection.</summary>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public override string ServerVersion => OpenPhysical.ServerVersion;

    /// <summary>The ADO.NET state: <see cref="ConnectionState.Broken"/> after a failover found no node.</summary>
    public override ConnectionState State => _machine.AdoState;

    /// <inheritdoc/>
    public HostSpec? CurrentHost => _machine.Host;

    /// <summary>Whether a failover handler is installed; without one the connection is a pass-through.</summary>
    public bool IsFailoverEnabled => Handler is not null;

    internal AuroraTransaction? CurrentTransaction => _machine.Transaction;

    internal IDatabaseDriver Driver => _driver;

    /// <summary>The races of the data source's statements against a loss report (see <see cref="LossRace"/>).</summary>
    internal LossRace.Pool? LossRaces => _source?.LossRaces;

    /// <summary>The data source; only read once the connection has one (it is open, or opening).</summary>
    private AuroraDataSource _dataSource => _source ?? throw NoConnectionString();

    private IHostConnectionFactory _connections => _dataSource.Connections;

    private AuroraConnectionSettings Settings => _dataSource.Settings;

    // The data source's, read where it is needed: one field less on a connection opened per unit of work.
    private IFailoverHandler? Handler => _source?.Settings.FailoverHandler;

    private DbConnection OpenPhysical => _machine.Physical ?? throw NotOpen();

    /// <summary>The physical driver connection the logical connection uses now, for driver features this library does not wrap.</summary>
    /// <returns>The driver connection. Do not close or keep it: after a failover it is replaced.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public DbConnection Unwrap() => OpenPhysical;

    /// <summary>The physical driver connection as the driver's own type.</summary>
    /// <typeparam name="TConnection">The driver connection type, such as <c>NpgsqlConnection</c>.</typeparam>
    /// <returns>The driver connection. Do not close or keep it: after a failover it is replaced.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open, or its driver connection is not a <typeparamref name="TConnection"/>.</exception>
    public TConnection Unwrap<TConnection>()
        where TConnection : DbConnection =>
        OpenPhysical as TConnection
        ?? throw new InvalidOperationException($"The physical connection is a {OpenPhysical.GetType().Name}, not a {typeof(TConnection).Name}.");

    /// <summary>Creates a command on this connection.</summary>
    /// <returns>A new command.</returns>
    public new AuroraCommand CreateCommand() => new() { Connection = this };

    /// <inheritdoc/>
    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <summary>Changes the database of the physical connection; a failover connects to the data source's database again.</summary>
    /// <param name="databaseName">The database.</param>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public override void ChangeDatabase(string databaseName) => OpenPhysical.ChangeDatabase(databaseName);

    /// <summary>Enlists the physical connection in a distributed transaction; a failover does not carry the enlistment over.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public override void EnlistTransaction(System.Transactions.Transaction? transaction) => OpenPhysical.EnlistTransaction(transaction);

    /// <summary>Gets schema information from the physical connection.</summary>
    /// <returns>The schema table.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public override DataTable GetSchema() => OpenPhysical.GetSchema();

    /// <summary>Gets schema information from the physical connection.</summary>
    /// <param name="collectionName">The schema collection.</param>
    /// <returns>The schema table.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public override DataTable GetSchema(string collectionName) => OpenPhysical.GetSchema(collectionName);

    /// <summary>Gets schema information from the physical connection.</summary>
    /// <param name="collectionName">The schema collection.</param>
    /// <param name="restrictionValues">The restrictions.</param>
    /// <returns>The schema table.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    public override DataTable GetSchema(string collectionName, string?[] restrictionValues) =>
        OpenPhysical.GetSchema(collectionName, restrictionValues);

    internal DbConnection GetPhysicalForCommand() => _machine.Physical ?? throw NotOpen();

    /// <summary>Raises <see cref="DbConnection.StateChange"/> for a change the state machine made.</summary>
    internal void RaiseStateChange(ConnectionState from, ConnectionState to) => OnStateChange((from, to) switch
    {
        // The arguments are immutable: the two changes of every open and close are shared, not made per connection.
        (ConnectionState.Closed, ConnectionState.Open) => OpenedChange,
        (ConnectionState.Open, ConnectionState.Closed) => ClosedChange,
        _ => new StateChangeEventArgs(from, to),
    });

    private static readonly StateChangeEventArgs OpenedChange = new(ConnectionState.Closed, ConnectionState.Open);
    private static readonly StateChangeEventArgs ClosedChange = new(ConnectionState.Open, ConnectionState.Closed);

    private InvalidOperationException NotOpen() => _machine.Status switch
    {
        LogicalConnectionStatus.Failed when Handler is null => new InvalidOperationException(
            $"The connection is broken: its node {_machine.State.Host?.Endpoint} was declared dead by enhanced failure monitoring; close it and open it again."),
        LogicalConnectionStatus.Failed => new InvalidOperationException(
            "The connection failed over without finding a node and is unusable; close it and open it again."),
        _ => new InvalidOperationException("The connection is not open."),
    };
}
