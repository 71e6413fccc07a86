using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Topology;

/// <summary>How the topology tests reach the kit's nodes: an Npgsql opener, an instance-id resolver and seed hosts.</summary>
internal static partial class KitNodes
{
    /// <summary>Opens an unpooled Npgsql connection to a node (so nothing stays open once disposed).</summary>
    public static Func<HostSpec, CancellationToken, Task<DbConnection>> Opener(LocalPostgresCluster cluster, string applicationName = "aurora-reactive-topology-tests", int connectTimeoutSeconds = 2) =>
        async (host, ct) =>
        {
            var builder = new NpgsqlConnectionStringBuilder(cluster.Nodes[0].ConnectionString)
            {
                Host = host.Host,
                Port = host.Port,
                Pooling = false,
                Timeout = connectTimeoutSeconds,
                CommandTimeout = connectTimeoutSeconds,
                ApplicationName = applicationName,
            };
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        };

    /// <summary>Maps instance ids to endpoints by the kit's <c>InstanceEndpoints</c> list, refusing ids that are not DNS labels or not listed.</summary>
    public static Func<string, HostSpec> Resolver(LocalPostgresCluster cluster)
    {
        var endpoints = cluster.InstanceEndpoints.Split(',').Select(pair => pair.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return id =>
        {
            if (!DnsLabel().IsMatch(id))
            {
                throw new ArgumentException($"Instance id '{id}' is not a valid DNS label.", nameof(id));
            }

            if (!endpoints.TryGetValue(id, out var endpoint))
            {
                throw new ArgumentException($"Instance id '{id}' is not in the instance endpoint list.", nameof(id));
            }

            var colon = endpoint.LastIndexOf(':');
            return new HostSpec(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture), id);
        };
    }

    /// <summary>The nodes as seed hosts, in the given order of instance ids (all of them when none given).</summary>
    public static IReadOnlyList<HostSpec> Seeds(LocalPostgresCluster cluster, params string[] order) =>
        (order.Length == 0 ? cluster.Nodes : order.Select(cluster.Node))
        .Select(n => new HostSpec("127.0.0.1", n.Port, n.InstanceId))
        .ToArray();

    /// <summary>The nodes as plain hosts without instance ids, as a self-managed PostgreSQL cluster is configured.</summary>
    public static IReadOnlyList<HostSpec> PlainHosts(LocalPostgresCluster cluster) =>
        cluster.Nodes.Select(n => new HostSpec("127.0.0.1", n.Port)).ToArray();

    /// <summary>How many connections with <paramref name="applicationName"/> the running nodes hold now (asked on their real ports).</summary>
    public static async Task<int> OpenConnectionsAsync(LocalPostgresCluster cluster, string applicationName)
    {
        var total = 0;
        foreach (var node in cluster.Nodes.Where(n => n.State == LocalNodeState.Running))
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name";
            command.Parameters.Add(new NpgsqlParameter("name", applicationName));
            total += Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return total;
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex DnsLabel();
}
