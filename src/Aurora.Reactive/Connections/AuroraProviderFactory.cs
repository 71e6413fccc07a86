using System.Data.Common;
using System.Runtime.CompilerServices;
using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The ADO.NET provider factory of this library over one driver: it creates <see cref="AuroraConnection"/>s,
/// <see cref="AuroraCommand"/>s and <see cref="AuroraBatch"/>es, and offers what the driver's own factory
/// (<see cref="IDatabaseDriver.ProviderFactory"/>) offers. Register it for code that looks providers up by name.
/// </summary>
/// <example>
/// <code>
/// DbProviderFactories.RegisterFactory("Aurora.Npgsql", AuroraProviderFactory.For(NpgsqlDriver.Instance));
/// var factory = DbProviderFactories.GetFactory("Aurora.Npgsql");
/// await using var connection = factory.CreateConnection()!;
/// connection.ConnectionString = "Host=mydb.cluster-xyz.us-east-1.rds.amazonaws.com;Username=app;Password=...";
/// </code>
/// </example>
public sealed class AuroraProviderFactory : DbProviderFactory
{
    private static readonly ConditionalWeakTable<IDatabaseDriver, AuroraProviderFactory> ByDriver = new();

    private AuroraProviderFactory(IDatabaseDriver driver) => Driver = driver;

    /// <summary>The factory of a driver; the same instance for every call with the same driver.</summary>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="driver"/> is <see langword="null"/>.</exception>
    public static AuroraProviderFactory For(IDatabaseDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return ByDriver.GetValue(driver, static d => new AuroraProviderFactory(d));
    }

    /// <summary>The database driver.</summary>
    public IDatabaseDriver Driver { get; }

    /// <summary>Whether the driver runs batches.</summary>
    public override bool CanCreateBatch => Driver.ProviderFactory?.CanCreateBatch ?? false;

    /// <summary>Whether the driver's factory has a command builder.</summary>
    public override bool CanCreateCommandBuilder => Driver.ProviderFactory?.CanCreateCommandBuilder ?? false;

    /// <summary>Whether the driver's factory has a data adapter.</summary>
    public override bool CanCreateDataAdapter => Driver.ProviderFactory?.CanCreateDataAdapter ?? false;

    /// <summary>Creates a closed connection with no connection string (see <see cref="AuroraConnection.ConnectionString"/>).</summary>
    /// <returns>A new <see cref="AuroraConnection"/>.</returns>
    public override DbConnection CreateConnection() => new AuroraConnection(Driver);

    /// <summary>Creates a command with no connection.</summary>
    /// <returns>A new <see cref="AuroraCommand"/>.</returns>
    public override DbCommand CreateCommand() => new AuroraCommand();

    /// <summary>Creates a parameter of the driver's own type.</summary>
    /// <returns>A new driver parameter.</returns>
    public override DbParameter CreateParameter() => Driver.CreateParameter();

    /// <summary>
    /// Creates a plain connection string builder: it accepts this library's keys and the driver's (a driver's
    /// own builder refuses keys it does not know).
    /// </summary>
    /// <returns>A new <see cref="DbConnectionStringBuilder"/>.</returns>
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new();

    /// <summary>Creates an empty batch.</summary>
    /// <returns>A new <see cref="AuroraBatch"/>.</returns>
    /// <exception cref="NotSupportedException">The driver has no batches.</exception>
    public override DbBatch CreateBatch() => CanCreateBatch ? new AuroraBatch() : throw NoBatches();

    /// <summary>Creates a batch command.</summary>
    /// <returns>A new <see cref="AuroraBatchCommand"/>.</returns>
    /// <exception cref="NotSupportedException">The driver has no batches.</exception>
    public override DbBatchCommand CreateBatchCommand() => CanCreateBatch ? new AuroraBatchCommand() : throw NoBatches();

    /// <summary>Creates a command builder over the driver's: it quotes identifiers as the driver does and builds <see cref="AuroraCommand"/>s.</summary>
    /// <returns>A command builder over the driver's own (its SQL and quoting), for <see cref="AuroraCommand"/>s, or <see langword="null"/> when the driver has none.</returns>
    public override DbCommandBuilder? CreateCommandBuilder() =>
        Driver.ProviderFactory?.CreateCommandBuilder() is { } driverBuilder ? new AuroraCommandBuilder(driverBuilder) : null;

    /// <summary>Creates a data adapter that runs <see cref="AuroraCommand"/>s.</summary>
    /// <returns>A new <see cref="AuroraDataAdapter"/>, or <see langword="null"/> when the driver has none.</returns>
    public override DbDataAdapter? CreateDataAdapter() => CanCreateDataAdapter ? new AuroraDataAdapter() : null;

    /// <summary>Creates a data source from a connection string with this library's keys, as <see cref="AuroraDataSource.Create(string, IDatabaseDriver)"/> does.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>A new <see cref="AuroraDataSource"/>; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is invalid, or the driver rejects its part.</exception>
    public override DbDataSource CreateDataSource(string connectionString) => AuroraDataSource.Create(connectionString, Driver);

    private NotSupportedException NoBatches() => new($"The {Driver.DisplayName} driver has no batches.");
}
