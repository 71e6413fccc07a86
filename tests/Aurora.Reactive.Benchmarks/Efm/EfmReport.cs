using System.Globalization;
using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Measurement;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The EFM table (release after the freeze, per candidate, against its bound) and its JSON figures.</summary>
public static class EfmReport
{
    public static SuiteReport Build(IReadOnlyList<ILongQueryCandidate> candidates, IReadOnlyList<IReadOnlyList<EfmRelease>> rounds, EfmPlan plan, string longQuery)
    {
        var cap = plan.Cap.TotalSeconds;
        var lead = plan.Lead.TotalSeconds;
        var report = new SuiteReport("EFM: a long query on a writer that freezes, time to the caller's release");
        var table = new ReportTable(
            Format.Invariant($"Release after the freeze (freeze {lead} s after the query started; {rounds.Count} rounds)"),
            "candidate", "bound (from query start)", "bound (from freeze)", "median from freeze", "max from freeze", "median from query start", "over cap", "how it ended");
        foreach (var candidate in candidates)
        {
            var releases = rounds.Select(r => r.Single(x => x.Label == candidate.Label)).ToArray();
            var fromFreeze = new Samples(releases.Select(r => r.FromFreezeSeconds ?? double.PositiveInfinity));
            var fromStart = new Samples(releases.Select(r => r.FromStartSeconds ?? double.PositiveInfinity));
            var overCap = releases.Count(r => r.FromFreezeSeconds is null);
            var bound = candidate.Bound?.TotalSeconds;
            table.Add(
                candidate.Label,
                bound is { } b ? Format.Seconds(b) : "none",
                bound is { } c ? Format.Seconds(c - lead) : "none",
                Seconds(fromFreeze.Median, cap), Seconds(fromFreeze.Max, cap), Seconds(fromStart.Median, cap + lead),
                overCap.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", releases.Select(r => r.Outcome).Distinct()));
            report.Figures[candidate.Label] = new JsonObject
            {
                ["boundFromStartSeconds"] = bound,
                ["medianFromFreezeSeconds"] = Round(fromFreeze.Median),
                ["maxFromFreezeSeconds"] = Round(fromFreeze.Max),
                ["medianFromStartSeconds"] = Round(fromStart.Median),
                ["overCap"] = overCap,
                ["rounds"] = releases.Length,
            };
        }

        report.Figures["capSeconds"] = cap;
        report.Figures["leadSeconds"] = lead;
        report.Tables.Add(table);
        foreach (var candidate in candidates)
        {
            report.Notes.Add($"{candidate.Label}: {candidate.Description}.");
        }

        report.Notes.Add(Format.Invariant($"One single-node kit cluster; each round starts every candidate's `{longQuery}` at once, freezes the node (SIGSTOP) {lead} s later, waits up to {cap} s for every caller, then thaws and terminates what still runs. The bound is the library's DeadAfterFrozen (time + count x interval), counted from the query's start."));
        report.Notes.Add(Format.Invariant($"'> {cap} s' means the caller was still waiting when the suite gave up on it."));
        report.Notes.Add("The machine is shared with other builds; timer-driven figures (EFM) move little with load, timeouts in the driver neither.");
        return report;
    }

    private static string Seconds(double value, double cap) =>
        double.IsPositiveInfinity(value) ? Format.Invariant($"> {cap} s") : Format.Seconds(value);

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : null;
}
