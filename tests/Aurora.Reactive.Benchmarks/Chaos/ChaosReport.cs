using System.Globalization;
using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Chaos;

namespace Aurora.Reactive.Benchmarks.Chaos;

/// <summary>The chaos run's tables: writes per client kind, fault by fault, and what was left after the dispose.</summary>
public static class ChaosReport
{
    public static SuiteReport Build(ChaosResult result)
    {
        var plan = result.Plan;
        var kinds = result.Tallies.Select(t => t.Kind).ToArray();
        var report = new SuiteReport($"Chaos: {plan.Faults.Count} faults, seed {plan.Seed}, {plan.WorkersPerKind} writers per client kind");

        var writes = new ReportTable(
            "Writes per client kind, checked against the final writer's table",
            "client", "acknowledged", "lost", "doubled", "unknown (of them present)", "failed (of them present)", "hung");
        foreach (var t in result.Tallies)
        {
            writes.Add(t.Kind, N(t.Acknowledged), N(t.Lost), N(t.Doubled), $"{N(t.Unknown)} ({N(t.UnknownPresent)})", $"{N(t.Failed)} ({N(t.FailedPresent)})", N(t.Hung));
        }

        report.Tables.Add(writes);

        var faults = new ReportTable(
            "Fault by fault: downtime = fault injected -> first acknowledged write of the client kind after it (committed by another instance when the writer moved, else started after the fault)",
            ["#", "fault", "at", "on", .. kinds, "recovery", .. kinds.Select(k => k + " errors")]);
        foreach (var f in result.Faults)
        {
            faults.Add(
            [
                N(f.Number), f.Kind.ToString(), Format.Seconds(f.AtSeconds), f.Target,
                .. kinds.Select(k => f.NotReady.Contains(k) ? "not ready" : f.Downtime[k] is { } s ? Format.Seconds(s) : Format.Invariant($"> {plan.DowntimeCap.TotalSeconds} s")),
                Format.Seconds(f.RecoverySeconds),
                .. kinds.Select(k => f.Errors[k]),
            ]);
        }

        report.Tables.Add(faults);

        var lifetime = new ReportTable(
            "After the run: dispose, and the run's sessions on every node",
            "final writer", "dispose of client + data source", $"sessions left {plan.SessionDeadline.TotalSeconds} s after the dispose", "none left after", "run");
        lifetime.Add(
            result.FinalWriter, Format.Seconds(result.DisposeSeconds), N(result.LeftoverSessions),
            result.SessionsGoneAfterSeconds is { } gone ? Format.Seconds(gone) : "-", Format.Seconds(result.TotalSeconds));
        report.Tables.Add(lifetime);

        report.Notes.Add($"{ClientChaosWriter.KindName}: one client, {plan.WorkersPerKind} writers through ExecuteInTransactionAsync (the client opens the transaction, re-runs it after a failover and resolves a COMMIT that was in flight; plain ExecuteAsync is at least once by contract, so it is not the one to count doubles with).");
        report.Notes.Add($"{DataSourceChaosWriter.KindName}: one data source, {plan.WorkersPerKind} writers opening a pooled connection per unit of work: open, begin, insert, commit, dispose. A failed COMMIT counts as unknown, any earlier failure as failed.");
        report.Notes.Add(Format.Invariant($"Every write has a new id (an error is followed by a new write with a new id, {plan.RetryDelay.TotalMilliseconds} ms later; {plan.WritePause.TotalMilliseconds} ms between writes). The table has no key on the id: lost = acknowledged and absent, doubled = more than one row. A call not returned after {plan.CallCap.TotalSeconds} s is hung."));
        report.Notes.Add(Format.Invariant($"Faults: seeded shuffles of {string.Join(", ", ChaosPlan.AllKinds)} one after the other (each kind once before any twice), {plan.MinSteady.TotalSeconds}-{plan.MaxSteady.TotalSeconds} s of steady writing before each. Crash, freeze and blackhole promote the most advanced reader {plan.PromotionDelay.TotalSeconds} s after the fault and the old writer rejoins as a reader after the downtime is measured (the blackholed one before its network comes back); pause (SIGSTOP then SIGCONT) and drop (connections reset) last {plan.OutageLength.TotalSeconds} s with no promotion; a switchover brings the old writer back itself; a crashed reader rejoins."));
        report.Notes.Add("Kit: 1 writer + 2 readers on loopback with synchronous replication to any one reader (as Aurora's storage, an acknowledged commit survives a failover to the most advanced reader); topology published at once, endpoints re-pointed after 5 s; the library's defaults otherwise (monitoring 30000/5000/3).");
        report.Notes.Add($"Sessions: pg_stat_activity on every node under the run's Application Name ({ChaosRun.ApplicationName}) and the monitors' (aurora-reactive-monitor), polled from the dispose's return for {plan.SessionDeadline.TotalSeconds} s.");
        foreach (var example in result.Examples)
        {
            report.Notes.Add("Against the run: " + example);
        }

        report.Failures.AddRange(result.Failures);
        report.Figures["seed"] = plan.Seed;
        report.Figures["lost"] = result.Lost;
        report.Figures["doubled"] = result.Doubled;
        report.Figures["hung"] = result.Hung;
        report.Figures["leftoverSessions"] = result.LeftoverSessions;
        report.Figures["tallies"] = new JsonArray(result.Tallies.Select(t => (JsonNode)new JsonObject
        {
            ["client"] = t.Kind,
            ["acknowledged"] = t.Acknowledged,
            ["unknown"] = t.Unknown,
            ["unknownPresent"] = t.UnknownPresent,
            ["failed"] = t.Failed,
            ["failedPresent"] = t.FailedPresent,
        }).ToArray());
        report.Figures["faults"] = new JsonArray(result.Faults.Select(f => (JsonNode)new JsonObject
        {
            ["number"] = f.Number,
            ["fault"] = f.Kind.ToString(),
            ["atSeconds"] = Math.Round(f.AtSeconds, 3),
            ["downtimeSeconds"] = new JsonObject(f.Downtime.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)(d.Value is { } v ? Math.Round(v, 3) : null)))),
        }).ToArray());
        return report;
    }

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
