using System.Globalization;
using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>The per-level table, the growth from the smallest to the largest level, and the JSON figures.</summary>
public static class ScaleReport
{
    public static SuiteReport Build(IReadOnlyList<ScaleVariant> variants, IReadOnlyList<ScaleMeasurement> measurements, ScalePlan plan, double? lingerSeconds)
    {
        var report = new SuiteReport("Scale: logical connections busy on one cluster");
        var baseline = variants[0].Label;
        var table = new ReportTable(
            Format.Invariant($"Per level ({plan.Busy.TotalSeconds} s busy, every connection repeating `{plan.Command}`)"),
            "variant", "connections", "open all", "commands", "CPU s", "CPU s over (n)", "peak threads", "peak managed", "server conns", "extra conns", "monitoring conns", "left after dispose");
        foreach (var m in measurements)
        {
            var reference = measurements.Single(x => x.Variant == baseline && x.Connections == m.Connections);
            table.Add(
                m.Variant, Format.Integer(m.Connections), Format.Seconds(m.OpenSeconds), Format.Integer(m.Commands), Format.Ratio(m.CpuSeconds),
                m.Variant == baseline ? "-" : Format.Invariant($"{m.CpuSeconds - reference.CpuSeconds:+0.000;-0.000;0.000}"),
                Format.Integer(m.PeakThreads), Format.Megabytes(m.PeakManagedBytes), Format.Integer(m.PeakServerConnections),
                Format.Integer(m.ExtraServerConnections), Format.Integer(m.PeakMonitoringConnections), Format.Integer(m.ServerConnectionsAfterDispose));
        }

        report.Tables.Add(table);
        report.Tables.Add(Growth(variants, measurements, plan));
        report.Figures["busySeconds"] = plan.Busy.TotalSeconds;
        report.Figures["levels"] = new JsonArray(measurements.Select(m => (JsonNode)new JsonObject
        {
            ["variant"] = m.Variant,
            ["connections"] = m.Connections,
            ["openSeconds"] = Math.Round(m.OpenSeconds, 3),
            ["commands"] = m.Commands,
            ["cpuSeconds"] = Math.Round(m.CpuSeconds, 3),
            ["peakThreads"] = m.PeakThreads,
            ["peakManagedBytes"] = m.PeakManagedBytes,
            ["peakServerConnections"] = m.PeakServerConnections,
            ["extraServerConnections"] = m.ExtraServerConnections,
            ["peakMonitoringConnections"] = m.PeakMonitoringConnections,
            ["serverConnectionsAfterDispose"] = m.ServerConnectionsAfterDispose,
        }).ToArray());
        foreach (var variant in variants)
        {
            report.Notes.Add($"{variant.Label}: {variant.Description}; at run time: {measurements.First(m => m.Variant == variant.Label).Features}.");
        }

        report.Figures["lingerSeconds"] = lingerSeconds is { } l ? Math.Round(l, 2) : null;
        report.Notes.Add(lingerSeconds is { } seconds
            ? Format.Invariant($"After the last data source was disposed, the last connection it had opened left the server {seconds:0.0} s later ('left after dispose' is counted 1 s after each disposal).")
            : Format.Invariant($"After the last data source was disposed, connections were still open on the server {plan.LingerCap.TotalSeconds} s later."));
        report.Notes.Add("Kit: 1 writer + 1 reader, max_connections 1100; each connection is a real open logical connection (pool as large as the level), on the writer's real port. Plain Npgsql's levels run first, then the library's, each after its own warm-up, because the library's shared topology monitor outlives a data source by topology_monitor_disposal_time_ms (60 s).");
        report.Notes.Add($"Server connections are counted in pg_stat_activity on every node (peaks over the window, the harness's own left out): 'extra' = all of them minus the logical connections (monitoring, topology, anything else the library opened); 'monitoring' = those named {ServerConnections.MonitorApplicationName}. CPU is the whole process over the busy window; the overhead column subtracts plain Npgsql's at the same level.");
        report.Notes.Add("The machine is shared with other builds: CPU and thread figures carry noise; the connection counts do not.");
        return report;
    }

    private static ReportTable Growth(IReadOnlyList<ScaleVariant> variants, IReadOnlyList<ScaleMeasurement> measurements, ScalePlan plan)
    {
        var (small, large) = (plan.Levels.Min(), plan.Levels.Max());
        var table = new ReportTable(
            Format.Invariant($"Growth from {small} to {large:#,0} connections"),
            "variant", "extra conns", "monitoring conns", "threads", "managed memory", "CPU s");
        foreach (var variant in variants)
        {
            var a = measurements.Single(m => m.Variant == variant.Label && m.Connections == small);
            var b = measurements.Single(m => m.Variant == variant.Label && m.Connections == large);
            table.Add(
                variant.Label,
                Format.Invariant($"{a.ExtraServerConnections} -> {b.ExtraServerConnections}"),
                Format.Invariant($"{a.PeakMonitoringConnections} -> {b.PeakMonitoringConnections}"),
                Format.Invariant($"{a.PeakThreads} -> {b.PeakThreads}"),
                $"{Format.Megabytes(a.PeakManagedBytes)} -> {Format.Megabytes(b.PeakManagedBytes)}",
                $"{Format.Ratio(a.CpuSeconds)} -> {Format.Ratio(b.CpuSeconds)}");
        }

        return table;
    }
}
