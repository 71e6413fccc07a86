using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.MySqlConnector;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySqlConnector;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The two providers every conformance assertion runs against: the wrapped driver itself, and this library over it.</summary>
public enum ProviderKind
{
    /// <summary>The plain driver (Npgsql, or MySqlConnector), the reference.</summary>
    Driver,

    /// <summary>Aurora.Reactive over that driver, failover on.</summary>
    Aurora,
}

/// <summary>
/// A provider's factory and a connection string to a shared cluster's writer: the PostgreSQL kit with Npgsql, or the
/// MariaDB kit with MySqlConnector. The Aurora string names the instances, so failover (coordinator, topology monitor)
/// is on, as users run it; its connections share one data source for the whole test run
/// (<see cref="AuroraConnection.ConnectionString"/>).
/// </summary>
internal sealed class AdoNetProvider
{
    public const string ApplicationName = "aurora-conformance-tests";

    private AdoNetProvider(ProviderKind kind, DbProviderFactory factory, string connectionString, ConformanceSql sql)
    {
        Kind = kind;
        Factory = factory;
        ConnectionString = connectionString;
        Sql = sql;
    }

    public ProviderKind Kind { get; }

    public DbProviderFactory Factory { get; }

    public string ConnectionString { get; }

    /// <summary>The SQL of the server behind the provider, where the two servers spell a statement differently.</summary>
    public ConformanceSql Sql { get; }

    public static IEnumerable<object[]> Both => [[ProviderKind.Driver], [ProviderKind.Aurora]];

    /// <summary>
    /// Whether this is the plain driver and it departs from the ADO.NET contract in <paramref name="behavior"/>: the test
    /// then asserts what the driver does instead (so a driver that changes shows), and the contract on the library.
    /// </summary>
    public bool DriverDeviatesIn(DriverDeviation behavior) => Kind == ProviderKind.Driver && Sql.DriverDeviations.Contains(behavior);

    public static AdoNetProvider For(ProviderKind kind, LocalPostgresCluster cluster)
    {
        var driverString = $"{cluster.Writer.ConnectionString};Application Name={ApplicationName}";
        return kind switch
        {
            ProviderKind.Driver => new AdoNetProvider(kind, NpgsqlFactory.Instance, driverString, ConformanceSql.Postgres),
            _ => new AdoNetProvider(
                kind,
                AuroraProviderFactory.For(NpgsqlDriver.Instance),
                $"{driverString};cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";failover_timeout_sec=60",
                ConformanceSql.Postgres),
        };
    }

    public static AdoNetProvider For(ProviderKind kind, LocalMariaDbCluster cluster)
    {
        var driverString = $"{cluster.Writer.ConnectionString};Application Name={ApplicationName}";
        return kind switch
        {
            ProviderKind.Driver => new AdoNetProvider(kind, MySqlConnectorFactory.Instance, driverString, ConformanceSql.MySql),
            _ => new AdoNetProvider(
                kind,
                AuroraProviderFactory.For(MySqlConnectorDriver.Instance),
                $"{driverString};cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";failover_timeout_sec=60",
                ConformanceSql.MySql),
        };
    }

    public DbConnection CreateConnection()
    {
        var connection = Factory.CreateConnection()!;
        connection.ConnectionString = ConnectionString;
        return connection;
    }

    public DbConnection OpenConnection()
    {
        var connection = CreateConnection();
        connection.Open();
        return connection;
    }

    /// <summary>A table name no other test uses.</summary>
    public static string TableName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>Where a plain driver departs from the ADO.NET contract the conformance tests assert (MySqlConnector 2.6.2; Npgsql 10 has none of these).</summary>
internal enum DriverDeviation
{
    /// <summary><c>Open()</c> without a connection string tries a default server (<c>MySqlException</c>) instead of throwing <see cref="InvalidOperationException"/>.</summary>
    OpenWithoutString,

    /// <summary>A malformed connection string (<c>"invalid"</c>) is accepted.</summary>
    MalformedStringAccepted,

    /// <summary><c>StateChange</c> also reports <see cref="System.Data.ConnectionState.Connecting"/>.</summary>
    StateChangeReportsConnecting,

    /// <summary>Setting the batch's connection to null with a reader open is accepted (the reader's dispose then throws <see cref="NullReferenceException"/>).</summary>
    BatchConnectionWhileReaderOpen,

    /// <summary>The data source's batch is .NET's default wrapper, whose <c>CreateBatchCommand</c> throws <see cref="NotImplementedException"/>.</summary>
    DataSourceBatchCommand,
}

/// <summary>What PostgreSQL and MySQL/MariaDB spell differently in the conformance statements; everything else is the same SQL.</summary>
internal abstract class ConformanceSql
{
    public static ConformanceSql Postgres { get; } = new PostgresSql();

    public static ConformanceSql MySql { get; } = new MySqlSql();

    /// <summary>A query whose answer shows the connection string was applied, and that answer.</summary>
    public abstract (string Query, object Answer) SessionMarker { get; }

    /// <summary><paramref name="expression"/> as the server's integer type the driver reads as <see cref="IntValue"/>.</summary>
    public abstract string Int(string expression);

    /// <summary>An integer as the driver returns one of <see cref="Int"/>: <see cref="int"/> (PostgreSQL's int; MariaDB types a small SIGNED as INT).</summary>
    public abstract object IntValue(int value);

    /// <summary>The placeholder of the <paramref name="position"/>th (1-based) unnamed parameter of a batch command.</summary>
    public abstract string Positional(int position);

    /// <summary>The values of <paramref name="column"/> joined with commas, ordered by <paramref name="orderBy"/>.</summary>
    public abstract string JoinedByComma(string column, string orderBy);

    /// <summary>The identifier <c>a b</c> as the command builder quotes it.</summary>
    public abstract string QuotedAB { get; }

    /// <summary>A statement the server refuses, and the error code it answers with (read by <see cref="ErrorCode"/>).</summary>
    public abstract (string Statement, string Code) FailingStatement { get; }

    /// <summary>The server's code in <paramref name="error"/>, which must be the driver's own exception type.</summary>
    public abstract string ErrorCode(Exception error);

    /// <summary>Where the plain driver departs from the contract (see <see cref="DriverDeviation"/>).</summary>
    public virtual IReadOnlySet<DriverDeviation> DriverDeviations { get; } = new HashSet<DriverDeviation>();

    /// <summary>
    /// Whether the driver reports each batch command's <c>RecordsAffected</c> after <c>ExecuteNonQuery</c>; the library
    /// passes on the driver's values, so this holds for both providers (MySqlConnector 2.6.2 leaves them at 0).
    /// </summary>
    public virtual bool ReportsRecordsAffectedPerBatchCommand => true;

    private sealed class PostgresSql : ConformanceSql
    {
        public override (string Query, object Answer) SessionMarker => ("SELECT current_setting('application_name')", AdoNetProvider.ApplicationName);

        public override string Int(string expression) => $"{expression}::int";

        public override object IntValue(int value) => value;

        public override string Positional(int position) => $"${position}";

        public override string JoinedByComma(string column, string orderBy) => $"string_agg({column}, ',' ORDER BY {orderBy})";

        public override string QuotedAB => "\"a b\"";

        public override (string Statement, string Code) FailingStatement => ("SELECT 1/0", "22012");

        public override string ErrorCode(Exception error) => Assert.IsType<PostgresException>(error).SqlState;
    }

    // MariaDB has no visible application name without performance_schema; the kit's string names the database, which a
    // connection opened without it would not be in.
    private sealed class MySqlSql : ConformanceSql
    {
        public override (string Query, object Answer) SessionMarker => ("SELECT DATABASE()", "app");

        public override string Int(string expression) => $"CAST({expression} AS SIGNED)";

        public override object IntValue(int value) => value;

        public override string Positional(int position) => "?";

        public override string JoinedByComma(string column, string orderBy) => $"GROUP_CONCAT({column} ORDER BY {orderBy} SEPARATOR ',')";

        public override string QuotedAB => "`a b`";

        public override (string Statement, string Code) FailingStatement => ("SELECT * FROM no_such_table_of_the_conformance_tests", "1146");

        public override string ErrorCode(Exception error) =>
            Assert.IsType<MySqlException>(error).Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override IReadOnlySet<DriverDeviation> DriverDeviations { get; } = Enum.GetValues<DriverDeviation>().ToHashSet();

        public override bool ReportsRecordsAffectedPerBatchCommand => false;
    }
}
