using System.Text.Json;

namespace FailoverDemo;

/// <summary>The end of a run: the timeline, the downtime per fault and the write accounting, as text and as one JSON line.</summary>
internal sealed record DemoSummary(
    string Scenario,
    string Mode,
    IReadOnlyList<FaultRecord> Faults,
    int Acknowledged,
    int Lost,
    int AppliedWithoutAcknowledgement,
    IReadOnlyList<(TimeSpan At, string Error)> CallerErrors,
    string FinalWriter,
    TimeSpan Duration,
    IReadOnlyList<TimeSpan> AcknowledgedAt)
{
    /// <summary>The longest stretch without an acknowledged write in [from, to), counted from <paramref name="from"/>: where it starts and how long it is.</summary>
    public static (TimeSpan From, TimeSpan Length) LongestGap(IEnumerable<TimeSpan> acknowledgements, TimeSpan from, TimeSpan to)
    {
        var previous = from;
        var longest = (From: from, Length: TimeSpan.Zero);
        foreach (var at in acknowledgements.Where(t => t >= from && t < to).Order())
        {
            longest = at - previous > longest.Length ? (previous, at - previous) : longest;
            previous = at;
        }

        return to - previous > longest.Length ? (previous, to - previous) : longest;
    }

    public void Print(Timeline timeline)
    {
        Console.WriteLine();
        Console.WriteLine("Timeline");
        foreach (var (at, what) in timeline.Entries)
        {
            Console.WriteLine($"  {at.TotalSeconds,8:0.000} s  {what}");
        }

        Console.WriteLine();
        Console.WriteLine($"Summary ({Mode}, scenario {Scenario}, {Duration.TotalSeconds:0.0} s)");
        Console.WriteLine($"  {"fault",-10} {"victim",-12} {"new writer",-12} {"downtime",10}");
        foreach (var fault in Faults)
        {
            Console.WriteLine($"  {fault.Name,-10} {fault.Victim,-12} {fault.NewWriter ?? "-",-12} {fault.Downtime.TotalMilliseconds,7:0} ms");
        }

        Console.WriteLine($"  writes acknowledged:      {Acknowledged}");
        Console.WriteLine($"  writes lost:              {Lost} (acknowledged writes missing on the final writer {FinalWriter})");
        Console.WriteLine($"  applied, not acknowledged: {AppliedWithoutAcknowledgement} (rows whose caller saw an error or was stopped)");
        Console.WriteLine($"  errors seen by the caller: {CallerErrors.Count}");
        foreach (var (at, error) in CallerErrors.Take(5))
        {
            Console.WriteLine($"    {at.TotalSeconds:0.000} s  {error}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        scenario = Scenario,
        mode = Mode,
        downtime_ms = Faults.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => Math.Round(g.Max(f => f.Downtime.TotalMilliseconds))),
        faults = Faults.Select(f => new
        {
            fault = f.Name,
            victim = f.Victim,
            new_writer = f.NewWriter,
            at_ms = Math.Round(f.At.TotalMilliseconds),
            downtime_ms = Math.Round(f.Downtime.TotalMilliseconds),
        }),
        acknowledged = Acknowledged,
        lost = Lost,
        applied_not_acknowledged = AppliedWithoutAcknowledgement,
        caller_errors = CallerErrors.Count,
        final_writer = FinalWriter,
        duration_ms = Math.Round(Duration.TotalMilliseconds),
    });
}
