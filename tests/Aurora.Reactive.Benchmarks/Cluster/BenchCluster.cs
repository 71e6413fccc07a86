using System.Diagnostics;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Cluster;

/// <summary>Starts the kit's local cluster for a suite and offers the connection strings the suites share.</summary>
public static class BenchCluster
{
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresClusterOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cluster = await LocalPostgresCluster.StartAsync(options, cancellationToken);
        Progress.Write($"cluster started in {clock.Elapsed.TotalSeconds:0.0} s: {cluster}");
        return cluster;
    }

    /// <summary><c>cluster_instance_endpoints</c> with each node's real server port (no forwarder), for runs that measure the client, not the kit's proxy.</summary>
    public static string DirectInstanceEndpoints(LocalPostgresCluster cluster) =>
        string.Join(",", cluster.Nodes.Select(n => Format.Invariant($"{n.InstanceId}=127.0.0.1:{n.ServerPort}")));

    /// <summary>An unpooled superuser connection string to a node's real port, for set-up and observation.</summary>
    public static string Admin(LocalPostgresNode node) =>
        new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false, ApplicationName = "bench-admin" }.ConnectionString;

    public static async Task ExecuteAsync(LocalPostgresNode node, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Admin(node));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(LocalPostgresNode node, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Admin(node));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
