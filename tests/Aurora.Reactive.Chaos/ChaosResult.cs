namespace Aurora.Reactive.Chaos;

/// <summary>One fault as it happened: when (seconds from the run's start), on what, and each client kind's downtime.</summary>
/// <param name="Downtime">Per client kind: seconds from the fault to its first acknowledged write after it (on another
/// instance when the fault moved the writer), or <see langword="null"/> when none came within the cap.</param>
/// <param name="NotReady">Client kinds that had not written since the previous fault when this one was injected.</param>
/// <param name="Errors">Per client kind, the errors its writers saw from this fault until the next one, such as "FailoverSuccessException x3".</param>
public sealed record ChaosFaultRecord(
    int Number,
    ChaosFaultKind Kind,
    double AtSeconds,
    string Target,
    IReadOnlyDictionary<string, double?> Downtime,
    IReadOnlySet<string> NotReady,
    IReadOnlyDictionary<string, string> Errors,
    double RecoverySeconds);

/// <summary>The writes of one client kind, checked against the final writer's table.</summary>
/// <param name="Acknowledged">Writes whose COMMIT returned.</param>
/// <param name="Lost">Acknowledged, and absent from the table.</param>
/// <param name="Doubled">Present more than once (any outcome).</param>
/// <param name="Unknown">Writes the client could not tell the outcome of (TransactionResolutionUnknownException, or a failed COMMIT).</param>
/// <param name="UnknownPresent">Of <paramref name="Unknown"/>, those that are in the table.</param>
/// <param name="Failed">Writes that failed before their COMMIT (or that the client reported as not committed).</param>
/// <param name="FailedPresent">Of <paramref name="Failed"/>, those in the table all the same.</param>
/// <param name="Hung">Calls that did not return within the call cap.</param>
public sealed record ChaosKindTally(string Kind, long Acknowledged, long Lost, long Doubled, long Unknown, long UnknownPresent, long Failed, long FailedPresent, long Hung);

/// <summary>Everything a chaos run measured.</summary>
public sealed record ChaosResult(
    ChaosPlan Plan,
    IReadOnlyList<ChaosFaultRecord> Faults,
    IReadOnlyList<ChaosKindTally> Tallies,
    string FinalWriter,
    double DisposeSeconds,
    long LeftoverSessions,
    double? SessionsGoneAfterSeconds,
    string LeftoverDescription,
    double TotalSeconds,
    IReadOnlyList<string> Examples)
{
    public long Lost => Tallies.Sum(t => t.Lost);

    public long Doubled => Tallies.Sum(t => t.Doubled);

    public long Hung => Tallies.Sum(t => t.Hung);

    /// <summary>Why the run failed: a lost, doubled or hung write, or a session left behind; empty when it passed.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>();
            foreach (var tally in Tallies)
            {
                if (tally.Lost > 0)
                {
                    failures.Add($"{tally.Kind}: {tally.Lost} acknowledged write(s) lost");
                }

                if (tally.Doubled > 0)
                {
                    failures.Add($"{tally.Kind}: {tally.Doubled} write(s) applied more than once");
                }

                if (tally.Hung > 0)
                {
                    failures.Add($"{tally.Kind}: {tally.Hung} call(s) hung past {Plan.CallCap.TotalSeconds} s");
                }
            }

            if (LeftoverSessions > 0)
            {
                failures.Add($"{LeftoverSessions} session(s) left {Plan.SessionDeadline.TotalSeconds} s after the dispose: {LeftoverDescription}");
            }

            return failures;
        }
    }
}
