using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The two providers every conformance assertion runs against: the wrapped driver itself, and this library over it.</summary>
public enum ProviderKind
{
    /// <summary>Plain Npgsql, the reference.</summary>
    Npgsql,

    /// <summary>Aurora.Reactive over Npgsql, failover on.</summary>
    Aurora,
}

/// <summary>
/// A provider's factory and a connection string to the shared cluster's writer. The Aurora string names the
/// instances, so failover (coordinator, topology monitor) is on, as users run it; its connections share one data
/// source for the whole test run (<see cref="AuroraConnection.ConnectionString"/>).
/// </summary>
internal sealed class AdoNetProvider
{
    public const string ApplicationName = "aurora-conformance-tests";

    private AdoNetProvider(ProviderKind kind, DbProviderFactory factory, string connectionString)
    {
        Kind = kind;
        Factory = factory;
        ConnectionString = connectionString;
    }

    public ProviderKind Kind { get; }

    public DbProviderFactory Factory { get; }

    public string ConnectionString { get; }

    public static IEnumerable<object[]> Both => [[ProviderKind.Npgsql], [ProviderKind.Aurora]];

    public static AdoNetProvider For(ProviderKind kind, LocalPostgresCluster cluster)
    {
        var driverString = $"{cluster.Writer.ConnectionString};Application Name={ApplicationName}";
        return kind switch
        {
            ProviderKind.Npgsql => new AdoNetProvider(kind, NpgsqlFactory.Instance, driverString),
            _ => new AdoNetProvider(
                kind,
                AuroraProviderFactory.For(NpgsqlDriver.Instance),
                $"{driverString};cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";failover_timeout_sec=60"),
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
