using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Measurement;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>Summaries per client and fault kind, the fault-by-fault table, and the JSON figures.</summary>
public static class FailoverReport
{
    public static SuiteReport Build(IReadOnlyList<IWriteClient> clients, IReadOnlyList<FaultResult> results, FailoverPlan plan, IReadOnlyList<string> kitNotes)
    {
        var cap = plan.Cap.TotalSeconds;
        var report = new SuiteReport("Failover: downtime from the fault to the first successful write");
        var summary = new ReportTable(
            "Downtime per client and fault (median and p95 over the faults; floor = promotion delay + promotion)",
            "client", "fault", "faults", "median", "p95", "max", "floor (median)", "median - floor", "over cap");
        foreach (var kind in new[] { FailoverFault.Crash, FailoverFault.Freeze })
        {
            var ofKind = results.Where(r => r.Fault == kind).ToArray();
            var floor = new Samples(ofKind.Select(r => r.FloorSeconds));
            report.Figures[kind.ToString()] = new JsonObject { ["floorMedianSeconds"] = Round(floor.Median), ["clients"] = new JsonObject() };
            foreach (var client in clients)
            {
                var measured = ofKind.Where(r => !r.NotReady.Contains(client.Label)).Select(r => r.DowntimeSeconds[client.Label] ?? double.PositiveInfinity).ToArray();
                var downtime = new Samples(measured);
                var overCap = measured.Count(double.IsPositiveInfinity);
                summary.Add(
                    client.Label, kind.ToString(), measured.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Seconds(downtime.Median, cap), Seconds(downtime.P95, cap), Seconds(downtime.Max, cap), Format.Seconds(floor.Median),
                    double.IsPositiveInfinity(downtime.Median) ? "-" : Format.SignedSeconds(downtime.Median - floor.Median),
                    overCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
                report.Figures[kind.ToString()]!["clients"]![client.Label] = new JsonObject
                {
                    ["faults"] = measured.Length,
                    ["medianSeconds"] = Round(downtime.Median),
                    ["p95Seconds"] = Round(downtime.P95),
                    ["maxSeconds"] = Round(downtime.Max),
                    ["medianMinusFloorSeconds"] = Round(downtime.Median - floor.Median),
                    ["overCap"] = overCap,
                };
            }
        }

        report.Tables.Add(summary);
        report.Tables.Add(PerFault(clients, results, cap));
        report.Figures["capSeconds"] = cap;
        report.Figures["faults"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
        {
            ["number"] = r.Number,
            ["fault"] = r.Fault.ToString(),
            ["floorSeconds"] = Round(r.FloorSeconds),
            ["downtimeSeconds"] = new JsonObject(r.DowntimeSeconds.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)(d.Value is { } v ? Round(v) : null)))),
        }).ToArray());
        foreach (var client in clients)
        {
            report.Notes.Add($"{client.Label}: {client.Description}.");
        }

        report.Notes.Add(Format.Invariant($"Every client runs its own write loop through the same faults at the same time: a write, {plan.Pause.TotalMilliseconds} ms pause; after FailoverSuccessException a retry at once (the connection is already on the new writer), after any other error {plan.RetryDelay.TotalMilliseconds} ms, then retry. Downtime = fault injected -> first write committed by another node; a client that has not written within {cap} s counts as over the cap (shown as '> {cap} s')."));
        report.Notes.AddRange(kitNotes);
        report.Notes.Add("The machine is shared with other builds; every client sees the same faults at the same moment, so compare rows within one run.");
        return report;
    }

    private static ReportTable PerFault(IReadOnlyList<IWriteClient> clients, IReadOnlyList<FaultResult> results, double cap)
    {
        var table = new ReportTable("Fault by fault", ["#", "fault", "floor", .. clients.Select(c => c.Label)]);
        foreach (var result in results)
        {
            table.Add(
            [
                result.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Fault.ToString(), Format.Seconds(result.FloorSeconds),
                .. clients.Select(c => result.NotReady.Contains(c.Label) ? "not ready" : Seconds(result.DowntimeSeconds[c.Label] ?? double.PositiveInfinity, cap)),
            ]);
        }

        return table;
    }

    private static string Seconds(double value, double cap) =>
        double.IsPositiveInfinity(value) ? Format.Invariant($"> {cap} s") : Format.Seconds(value);

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : null;
}
