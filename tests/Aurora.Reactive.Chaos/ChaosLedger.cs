using System.Collections.Concurrent;
using System.Diagnostics;

namespace Aurora.Reactive.Chaos;

/// <summary>What the application was told about one write.</summary>
public enum WriteOutcome
{
    /// <summary>The call has not returned.</summary>
    InFlight = 0,

    /// <summary>The COMMIT returned: the row must be there, once.</summary>
    Acknowledged = 1,

    /// <summary>The client could not tell (TransactionResolutionUnknownException, or a failed COMMIT): zero or one row.</summary>
    Unknown = 2,

    /// <summary>The call failed before its COMMIT was sent (or the client says it did not commit): no row expected.</summary>
    Failed = 3,
}

/// <summary>
/// Every write's id, client kind and outcome, and each acknowledgement's time and instance, so that faults can
/// ask for the first acknowledged write of a kind after them. Thread-safe.
/// </summary>
public sealed class ChaosLedger
{
    private readonly ConcurrentDictionary<long, Entry> _writes = new();
    private readonly object _gate = new();
    private readonly List<Watch> _watches = [];
    private long _nextId;

    /// <summary>A new id, recorded as in flight for <paramref name="kind"/>.</summary>
    public long Begin(string kind)
    {
        var id = Interlocked.Increment(ref _nextId);
        _writes[id] = new Entry(kind, Stopwatch.GetTimestamp());
        return id;
    }

    public void Acknowledge(long id, string instance)
    {
        var entry = _writes[id];
        var at = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            entry.Outcome = WriteOutcome.Acknowledged;
            _watches.RemoveAll(w => w.TryComplete(entry, at, instance));
        }
    }

    public void Settle(long id, WriteOutcome outcome, string error)
    {
        var entry = _writes[id];
        lock (_gate)
        {
            entry.Outcome = outcome;
            entry.Error = error;
        }
    }

    /// <summary>Marks a call that did not return within the cap; it stays in flight until it does.</summary>
    public void MarkHung(long id)
    {
        lock (_gate)
        {
            _writes[id].Hung = true;
        }
    }

    /// <summary>
    /// Completes with the <see cref="Stopwatch"/> timestamp of the first write of <paramref name="kind"/> acknowledged after
    /// <paramref name="after"/> by an instance other than <paramref name="excludedInstance"/>; with <paramref name="startedAfter"/>,
    /// only a write whose call started after <paramref name="after"/> counts (one in flight at a fault that leaves the writer
    /// in place may be acknowledged just after it without having come through it).
    /// </summary>
    public Task<long> FirstAcknowledgedAsync(string kind, long after, string? excludedInstance, bool startedAfter = false)
    {
        var watch = new Watch(kind, after, excludedInstance, startedAfter);
        lock (_gate)
        {
            _watches.Add(watch);
        }

        return watch.Completion.Task;
    }

    /// <summary>A copy of every write: id, kind, outcome, hung, last error.</summary>
    public IReadOnlyList<WriteRecord> Snapshot()
    {
        lock (_gate)
        {
            return _writes.Select(w => new WriteRecord(w.Key, w.Value.Kind, w.Value.Outcome, w.Value.Hung, w.Value.Error)).OrderBy(w => w.Id).ToArray();
        }
    }

    private sealed class Entry(string kind, long startedAt)
    {
        public string Kind { get; } = kind;

        public long StartedAt { get; } = startedAt;

        public WriteOutcome Outcome { get; set; }

        public bool Hung { get; set; }

        public string? Error { get; set; }
    }

    private sealed class Watch(string kind, long after, string? excludedInstance, bool startedAfter)
    {
        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryComplete(Entry write, long at, string instance)
        {
            if (write.Kind != kind || at <= after || instance == excludedInstance || (startedAfter && write.StartedAt <= after))
            {
                return false;
            }

            Completion.TrySetResult(at);
            return true;
        }
    }
}

/// <summary>One write as the ledger saw it.</summary>
public sealed record WriteRecord(long Id, string Kind, WriteOutcome Outcome, bool Hung, string? Error);
