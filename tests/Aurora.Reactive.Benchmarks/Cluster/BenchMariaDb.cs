using System.Diagnostics;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySqlConnector;

namespace Aurora.Reactive.Benchmarks.Cluster;

/// <summary>Starts the kit's local MariaDB cluster for a suite, and the set-up statements the MySQL suites run.</summary>
public static class BenchMariaDb
{
    public static async Task<LocalMariaDbCluster> StartAsync(LocalMariaDbClusterOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cluster = await LocalMariaDbCluster.StartAsync(options, cancellationToken);
        Progress.Write($"cluster started in {clock.Elapsed.TotalSeconds:0.0} s: {cluster}");
        return cluster;
    }

    /// <summary>An unpooled root connection string to a node's real port (root may write on a read-only replica and kill any session).</summary>
    public static string Admin(LocalMariaDbNode node) =>
        Format.Invariant($"Server=127.0.0.1;Port={node.ServerPort};User ID=root;CharacterSet=utf8mb4;SslMode=None;Pooling=false;Connection Timeout=3;Default Command Timeout=10");

    /// <summary>Runs <paramref name="sql"/> as the kit's client user on the node's real port.</summary>
    public static async Task ExecuteAsync(LocalMariaDbNode node, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(node.ServerConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Kills every session of the kit's client user on the node (what a round left running), as root.</summary>
    public static async Task KillClientSessionsAsync(LocalMariaDbNode node)
    {
        await using var connection = new MySqlConnection(Admin(node));
        await connection.OpenAsync();
        var ids = new List<long>();
        await using (var select = new MySqlCommand("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'aurora'", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (var id in ids)
        {
            await using var kill = new MySqlCommand(Format.Invariant($"KILL {id}"), connection);
            try
            {
                await kill.ExecuteNonQueryAsync();
            }
            catch (MySqlException)
            {
                // The session ended between the list and the kill.
            }
        }
    }
}
