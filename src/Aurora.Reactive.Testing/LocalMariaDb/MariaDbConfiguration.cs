using System.Globalization;
using System.Text;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// The option files the kit writes for <c>mariadbd</c>: small memory settings shared by the template and every
/// node, and per node its ports, files, server id, binary log and GTID replication settings. The clock is UTC,
/// as Aurora's topology timestamps are.
/// </summary>
internal static class MariaDbConfiguration
{
    /// <summary>The file name of a node's (or the template's) option file, in its folder.</summary>
    internal const string FileName = "my.cnf";

    /// <summary>Settings every server of the kit shares, the template included.</summary>
    internal static readonly IReadOnlyList<KeyValuePair<string, string>> SharedSettings =
    [
        new("innodb_log_file_size", "4M"),
        new("innodb_buffer_pool_size", "16M"),
        new("innodb_log_buffer_size", "1M"),
        new("innodb_flush_log_at_trx_commit", "2"),
        new("performance_schema", "OFF"),
        new("skip-name-resolve", "ON"),
        new("bind-address", "127.0.0.1"),
        new("character-set-server", "utf8mb4"),
        new("collation-server", "utf8mb4_general_ci"),
        new("default-time-zone", "+00:00"),
        new("max_connections", "200"),
    ];

    /// <summary>The template's settings: no binary log, so the copies start with an empty GTID history.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> TemplateSettings(string folder, string dataDirectory, int port) =>
    [
        .. Files(folder, dataDirectory, port),
        new("skip-log-bin", "ON"),
    ];

    /// <summary>A node's settings. Readers start read-only; replication itself is set up with SQL once the servers run.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> NodeSettings(string folder, string dataDirectory, int port, int serverId, string instanceId, bool readOnly) =>
    [
        .. Files(folder, dataDirectory, port),
        new("server-id", serverId.ToString(CultureInfo.InvariantCulture)),
        new("report-host", instanceId),
        new("log-bin", "binlog"),
        new("log-slave-updates", "ON"),
        new("binlog-format", "ROW"),
        new("sync_binlog", "0"),
        new("gtid-domain-id", "0"),
        new("skip-slave-start", "ON"),
        new("read-only", readOnly ? "ON" : "OFF"),
    ];

    /// <summary>Formats an option file with a <c>[mariadbd]</c> section.</summary>
    internal static string Format(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var text = new StringBuilder("# Written by the Aurora.Reactive local MariaDB kit.\n[mariadbd]\n");
        foreach (var (name, value) in SharedSettings.Concat(settings))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}={value}\n");
        }

        return text.ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> Files(string folder, string dataDirectory, int port) =>
    [
        new("datadir", dataDirectory),
        new("port", port.ToString(CultureInfo.InvariantCulture)),
        new("socket", Path.Combine(folder, "mysqld.sock")),
        new("pid-file", Path.Combine(dataDirectory, LocalCluster.ServerPidFiles.MariaDb)),
        new("log-error", Path.Combine(folder, "server.log")),
        new("secure-file-priv", dataDirectory),
    ];
}
