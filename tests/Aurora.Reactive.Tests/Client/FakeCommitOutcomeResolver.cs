using System.Data.Common;
using Aurora.Reactive.Client;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Client;

/// <summary>A commit outcome resolver whose answers the test scripts; records what it was asked.</summary>
internal sealed class FakeCommitOutcomeResolver : ICommitOutcomeResolver
{
    private readonly Queue<CommitOutcome> _answers = new();
    private long _nextId = 1000;

    public List<TransactionMarker> Marked { get; } = [];

    public List<(HostSpec Host, TransactionMarker Marker)> Asked { get; } = [];

    public int SessionsEnded { get; private set; }

    public void Answer(params CommitOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _answers.Enqueue(outcome);
        }
    }

    public Task<TransactionMarker> MarkAsync(DbConnection connection, DbTransaction transaction, HostSpec host, CancellationToken cancellationToken)
    {
        var marker = new TransactionMarker(_nextId++, 100, 4242, 1, host);
        Marked.Add(marker);
        return Task.FromResult(marker);
    }

    public Task<CommitOutcome> ResolveAsync(DbConnection connection, HostSpec host, TransactionMarker marker, CancellationToken cancellationToken)
    {
        Asked.Add((host, marker));
        return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue() : CommitOutcome.Unknown);
    }

    public Task EndSessionAsync(DbConnection connection, TransactionMarker marker, CancellationToken cancellationToken)
    {
        SessionsEnded++;
        return Task.CompletedTask;
    }
}
