using System.Globalization;
using System.Text;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Formats PostgreSQL configuration: the settings every template gets (fast, replication-ready) and the
/// per-node file (<c>postgresql.auto.conf</c>, which the kit owns) naming port, instance id and upstream.
/// </summary>
internal static class ServerConfiguration
{
    /// <summary>The per-node file the kit rewrites before every start and on every re-point.</summary>
    internal const string NodeFileName = "postgresql.auto.conf";

    /// <summary>Settings appended to the template's <c>postgresql.conf</c>: durability off for speed, replication and pg_rewind on.</summary>
    internal static readonly IReadOnlyList<KeyValuePair<string, string>> TemplateSettings =
    [
        new("fsync", "off"),
        new("full_page_writes", "on"),
        new("wal_log_hints", "on"),
        new("shared_buffers", "16MB"),
        new("max_connections", "60"),
        new("max_wal_senders", "20"),
        new("wal_keep_size", "256MB"),
        new("wal_receiver_status_interval", "1s"),
        new("wal_retrieve_retry_interval", "200ms"),
        new("wal_receiver_timeout", "10s"),
        new("wal_sender_timeout", "10s"),
        new("hot_standby", "on"),
        new("autovacuum", "off"),
        new("jit", "off"),
        new("logging_collector", "off"),
        new("log_line_prefix", "%m [%p] "),
    ];

    /// <summary>Formats settings as configuration lines, quoting every value.</summary>
    internal static string Format(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in settings)
        {
            text.Append(name).Append(" = '").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        }

        return text.ToString();
    }

    /// <summary>The settings of one node.</summary>
    /// <param name="instanceId">The node's instance id (also its replication application name).</param>
    /// <param name="serverPort">The port the server listens on.</param>
    /// <param name="upstreamServerPort">The primary's server port for a standby; null for the primary.</param>
    /// <param name="synchronousStandbys">All instance ids when synchronous replication is on; empty otherwise.</param>
    /// <param name="extra">The user's extra settings.</param>
    internal static IReadOnlyList<KeyValuePair<string, string>> NodeSettings(
        string instanceId,
        int serverPort,
        int? upstreamServerPort,
        IReadOnlyList<string> synchronousStandbys,
        IEnumerable<KeyValuePair<string, string>> extra)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("port", serverPort.ToString(CultureInfo.InvariantCulture)),
            new("listen_addresses", "127.0.0.1"),
            new("unix_socket_directories", string.Empty),
            new("cluster_name", instanceId),
            new("aurora.instance_id", instanceId),
            new("rds.extensions", "aurora_stat_utils"),
        };
        if (synchronousStandbys.Count > 0)
        {
            settings.Add(new("synchronous_standby_names", SynchronousStandbyNames(synchronousStandbys)));
        }

        if (upstreamServerPort is { } upstream)
        {
            settings.Add(new("primary_conninfo", PrimaryConnectionInfo(upstream, instanceId)));
        }

        settings.AddRange(extra);
        return settings;
    }

    /// <summary><c>ANY 1 ("a","b")</c>: a commit waits for any one standby.</summary>
    internal static string SynchronousStandbyNames(IEnumerable<string> instanceIds) =>
        "ANY 1 (" + string.Join(",", instanceIds.Select(id => "\"" + id + "\"")) + ")";

    /// <summary>How a standby reaches its primary; the application name lets <c>synchronous_standby_names</c> name it.</summary>
    internal static string PrimaryConnectionInfo(int upstreamServerPort, string instanceId) =>
        string.Create(CultureInfo.InvariantCulture, $"host=127.0.0.1 port={upstreamServerPort} user=postgres application_name={instanceId} connect_timeout=2");
}
