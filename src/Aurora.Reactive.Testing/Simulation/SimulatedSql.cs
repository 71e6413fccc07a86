using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// How a simulated node answers SQL: the Aurora PostgreSQL dialect's topology, instance-id and role queries, the
/// monitoring probe, <c>pg_sleep(seconds)</c> (a statement that takes that long), writes (refused on a reader) and any
/// other statement (answered with the node's instance id, so a test sees where it ran).
/// </summary>
internal static partial class SimulatedSql
{
    private const string ExtensionsSql = "SELECT pg_catalog.current_setting('rds.extensions', true)";

    /// <summary>How long the statement runs, when it says so (<c>pg_sleep</c>); otherwise the cluster's query latency.</summary>
    public static TimeSpan? Duration(string sql)
    {
        var sleep = Sleep().Match(sql);
        return sleep.Success ? TimeSpan.FromSeconds(double.Parse(sleep.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
    }

    public static object? Answer(SimulatedCluster cluster, SimulatedNode node, string sql)
    {
        var statement = sql.Trim();
        switch (statement)
        {
            case AuroraPostgresDialect.Sql:
                return Topology(cluster);
            case AuroraPostgresDialect.InstanceIdSql:
                return node.InstanceId;
            case AuroraPostgresDialect.IsReaderSql:
                return !node.IsWriter;
            case AuroraPostgresDialect.IsWriterSql:
                return cluster.PublishedWriter == node.InstanceId ? node.InstanceId : null;
            case ExtensionsSql:
                return "aurora_stat_utils";
            case "SELECT 1":
                return 1;
        }

        if (!node.IsWriter && Write().IsMatch(statement))
        {
            throw SimulatedNodeException.WriteOnReader(node);
        }

        return statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) ? node.InstanceId : null;
    }

    public static DataTable OneValue(object? value)
    {
        var table = new DataTable();
        table.Columns.Add("value", typeof(object));
        table.Rows.Add(value ?? DBNull.Value);
        return table;
    }

    // Every node's row, with the writer the control plane has published by now (it may lag the real roles).
    private static DataTable Topology(SimulatedCluster cluster)
    {
        var table = new DataTable();
        table.Columns.Add("server_id", typeof(string));
        table.Columns.Add("is_writer", typeof(bool));
        table.Columns.Add("cpu", typeof(double));
        table.Columns.Add("lag", typeof(double));
        table.Columns.Add("last_update", typeof(DateTime));
        var writer = cluster.PublishedWriter;
        foreach (var node in cluster.AllNodes)
        {
            var isWriter = node.InstanceId == writer;
            table.Rows.Add(node.InstanceId, isWriter, 5.0, isWriter ? 0.0 : 10.0, cluster.Clock.Now.UtcDateTime);
        }

        return table;
    }

    [GeneratedRegex(@"pg_sleep\(\s*([0-9]+(?:\.[0-9]+)?)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Sleep();

    [GeneratedRegex(@"^(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|TRUNCATE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Write();
}
