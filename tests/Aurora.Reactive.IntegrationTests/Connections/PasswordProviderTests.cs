using System.Collections.Concurrent;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.Monitoring;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// <see cref="AuroraDataSourceBuilder.UsePasswordProvider"/> against a node that demands a password (SCRAM) of one role:
/// every connection the library opens for that role (data, failure monitoring, topology) gets it from the provider, a
/// rotated password reaches new connections, and a wrong one reaches the caller as the server's own error.
/// </summary>
public sealed class PasswordProviderTests(ITestOutputHelper output) : SingleNodeClusterTest
{
    private const string Role = "rotating_app";

    [Fact]
    public async Task RotatingPassword_EveryConnectionTheLibraryOpensAsksTheProvider_ARotationReachesNewConnections_AWrongOneFailsUnwrapped()
    {
        var node = Cluster.Writer;
        await RequirePasswordAsync(node, "token-1");
        var password = "token-1";
        var asked = new ConcurrentQueue<HostSpec>();
        var applicationName = $"aurora-password-{Guid.NewGuid():N}"[..30];
        var connectionString = new NpgsqlConnectionStringBuilder(node.ConnectionString) { Username = Role, Password = null, ApplicationName = applicationName, Timeout = 5 }
            + $";cluster_instance_endpoints=\"{Cluster.InstanceEndpoints}\";topology_refresh_rate_ms=500"
            + ";failure_detection_time_ms=200;failure_detection_interval_ms=200;failure_detection_count=5";
        await using var dataSource = new AuroraDataSourceBuilder(connectionString, NpgsqlDriver.Instance)
            .UsePasswordProvider((host, _) =>
            {
                asked.Enqueue(host);
                return ValueTask.FromResult(Volatile.Read(ref password));
            })
            .Build();

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT current_user::text FROM pg_sleep(1)"; // long enough for a monitoring probe
            Assert.Equal(Role, await command.ExecuteScalarAsync());
        }

        var sessions = await SessionsOfRoleAsync(node);
        output.WriteLine($"provider asked {asked.Count} times, for {string.Join(", ", asked.Distinct())}; sessions of {Role}: {string.Join(", ", sessions)}");
        Assert.Contains(applicationName, sessions); // data connections (and the topology monitor's, same name)
        Assert.Contains(Aurora.Reactive.Monitoring.HostMonitoringSettings.DefaultApplicationName, sessions); // a failure-monitoring connection authenticated too
        Assert.All(asked, host => Assert.Equal(node.Port, host.Port));

        await ChangePasswordAsync(node, "token-2");
        Volatile.Write(ref password, "token-2");
        await dataSource.Connections.ClearPoolAsync(dataSource.Connections.InitialHost);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT current_user::text";
            Assert.Equal(Role, await command.ExecuteScalarAsync());
        }

        Volatile.Write(ref password, "a-stale-token");
        await dataSource.Connections.ClearPoolAsync(dataSource.Connections.InitialHost);
        var error = await Assert.ThrowsAsync<PostgresException>(async () => await dataSource.OpenConnectionAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        Assert.DoesNotContain("a-stale-token", error.ToString());
    }

    private static async Task RequirePasswordAsync(LocalPostgresNode node, string password)
    {
        await using var admin = new NpgsqlConnection(node.ServerConnectionString);
        await admin.OpenAsync();
        string hbaFile;
        await using (var show = new NpgsqlCommand("SHOW hba_file", admin))
        {
            hbaFile = (string)(await show.ExecuteScalarAsync())!;
        }

        // The kit trusts every local connection; this role alone must authenticate, with SCRAM, over TCP.
        var rules = $"host all {Role} 0.0.0.0/0 scram-sha-256\nhost all {Role} ::/0 scram-sha-256\n";
        await File.WriteAllTextAsync(hbaFile, rules + await File.ReadAllTextAsync(hbaFile));
        await using var setup = new NpgsqlCommand(
            $"SET password_encryption = 'scram-sha-256'; CREATE ROLE {Role} LOGIN PASSWORD '{password}'; GRANT pg_monitor TO {Role}; SELECT pg_reload_conf();", admin);
        await setup.ExecuteNonQueryAsync();
    }

    private static async Task ChangePasswordAsync(LocalPostgresNode node, string password)
    {
        await using var admin = new NpgsqlConnection(node.ServerConnectionString);
        await admin.OpenAsync();
        await using var change = new NpgsqlCommand($"SET password_encryption = 'scram-sha-256'; ALTER ROLE {Role} PASSWORD '{password}'", admin);
        await change.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> SessionsOfRoleAsync(LocalPostgresNode node)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT application_name FROM pg_stat_activity WHERE usename = @role", admin);
        command.Parameters.AddWithValue("role", Role);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
