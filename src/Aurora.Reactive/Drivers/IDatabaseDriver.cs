using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Drivers;

/// <summary>
/// What Aurora.Reactive needs from an ADO.NET driver: physical connections to a chosen host, the
/// classification of the driver's errors, parameters, and the SQL that sets session state. One
/// implementation per driver (Npgsql now, MySQL later); implementations hold no per-cluster state,
/// that lives in the <see cref="IHostConnectionFactory"/> each data source owns.
/// </summary>
public interface IDatabaseDriver
{
    /// <summary>The driver's name for messages and logs, such as "Npgsql".</summary>
    string DisplayName { get; }

    /// <summary>Tells which of this driver's errors start a failover.</summary>
    IDriverErrorClassifier ErrorClassifier { get; }

    /// <summary>
    /// Creates the factory of physical connections for one base connection string. The factory owns
    /// whatever pools it creates and releases them when disposed.
    /// </summary>
    /// <param name="connectionString">The driver connection string; its host and port name the initial node.</param>
    /// <returns>A factory for connections to any host of the cluster, with the other settings of <paramref name="connectionString"/>.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or the driver rejects it; the message never contains a password.</exception>
    IHostConnectionFactory CreateConnectionFactory(string connectionString);

    /// <summary>
    /// Creates the factory of physical connections whose passwords come from <paramref name="passwordProvider"/>, asked
    /// through the driver's own mechanism each time a new physical connection authenticates (so a rotating credential,
    /// such as an IAM token, is fresh for every new connection while pooled ones stay open). Drivers without such a
    /// mechanism throw <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="connectionString">The driver connection string, without a password.</param>
    /// <param name="passwordProvider">Gives the password for a new connection to a host.</param>
    /// <returns>A factory, as <see cref="CreateConnectionFactory(string)"/> gives.</returns>
    /// <exception cref="NotSupportedException">The driver has no password provider.</exception>
    /// <exception cref="ArgumentException">The connection string is empty, the driver rejects it, or it also holds a password.</exception>
    IHostConnectionFactory CreateConnectionFactory(string connectionString, Func<HostSpec, CancellationToken, ValueTask<string>> passwordProvider) =>
        throw new NotSupportedException($"The {DisplayName} driver cannot take a password provider; put the password in the connection string or use a driver that can (Npgsql, MySqlConnector).");

    /// <summary>Creates an empty parameter of the driver's own type.</summary>
    /// <returns>A new parameter, not attached to any command.</returns>
    DbParameter CreateParameter();

    /// <summary>The statement that makes the session's later transactions read-only or read-write.</summary>
    /// <param name="readOnly"><see langword="true"/> for read-only.</param>
    /// <returns>The SQL statement.</returns>
    string GetReadOnlySql(bool readOnly);

    /// <summary>The statement that sets the session's default isolation level.</summary>
    /// <param name="isolationLevel">The isolation level.</param>
    /// <returns>The SQL statement.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The driver has no such level (for example <see cref="IsolationLevel.Chaos"/>).</exception>
    string GetIsolationLevelSql(IsolationLevel isolationLevel);

    /// <summary>
    /// The Aurora dialect of this driver's database engine, used when the connection string names instances or has one
    /// host; <see langword="null"/> to let the library choose (Aurora PostgreSQL, or Aurora MySQL for a driver named MySql).
    /// When the driver also names a <see cref="ReplicationDialect"/>, the server chooses between the two on the first
    /// connection (<see cref="DetectingClusterDialect"/>): this one where its <see cref="IClusterDialect.IsDialectAsync"/> says yes.
    /// </summary>
    IClusterDialect? AuroraDialect => null;

    /// <summary>
    /// The self-managed replication dialect of this driver's engine, used when the connection string lists several
    /// hosts and no instance naming, and (with an <see cref="AuroraDialect"/>) wherever the server is not Aurora;
    /// <see langword="null"/> for PostgreSQL streaming replication.
    /// </summary>
    IClusterDialect? ReplicationDialect => null;

    /// <summary>The port of a host the connection string gives none for.</summary>
    /// <value>The default value is 5432, PostgreSQL's port.</value>
    int DefaultPort => 5432;

    /// <summary>
    /// Whether the provider's asynchronous methods block the calling thread until the server answers, as MySql.Data's do.
    /// When <see langword="true"/>, commands start on the thread pool, so a command on a frozen node is still released
    /// by failure monitoring or a writer change, instead of holding its caller until the provider's own timeout.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    bool BlocksInAsyncCalls => false;

    /// <summary>
    /// The provider's own factory (such as <c>NpgsqlFactory.Instance</c>), which <see cref="Connections.AuroraProviderFactory"/>
    /// asks what the provider supports (batches, command builders, data adapters); <see langword="null"/> when unknown.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no batches, command builders or data adapters.</value>
    DbProviderFactory? ProviderFactory => null;
}
