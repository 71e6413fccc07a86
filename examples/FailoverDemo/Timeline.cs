using System.Collections.Concurrent;
using System.Diagnostics;

namespace FailoverDemo;

/// <summary>What happened, in order, timed from the start of the run.</summary>
internal sealed class Timeline
{
    private readonly ConcurrentQueue<(TimeSpan At, string What)> _entries = new();

    public Timeline(Stopwatch clock) => Clock = clock;

    public Stopwatch Clock { get; }

    public event Action<TimeSpan, string>? Added;

    public IReadOnlyList<(TimeSpan At, string What)> Entries => [.. _entries];

    public TimeSpan Add(string what)
    {
        var at = Clock.Elapsed;
        _entries.Enqueue((at, what));
        Added?.Invoke(at, what);
        return at;
    }

    public IReadOnlyList<(TimeSpan At, string What)> Last(int count) => [.. _entries.Skip(Math.Max(0, _entries.Count - count))];
}
