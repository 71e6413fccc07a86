using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>Notes a transaction's identity inside it, and later asks a (new) writer whether it committed.</summary>
internal interface ICommitOutcomeResolver
{
    /// <summary>Reads the marker of the transaction open on <paramref name="connection"/>.</summary>
    Task<TransactionMarker> MarkAsync(DbConnection connection, DbTransaction transaction, HostSpec host, CancellationToken cancellationToken);

    /// <summary>Asks the node <paramref name="connection"/> is on (<paramref name="host"/>) about the marked transaction.</summary>
    Task<CommitOutcome> ResolveAsync(DbConnection connection, HostSpec host, TransactionMarker marker, CancellationToken cancellationToken);

    /// <summary>Ends the session that still holds the marked transaction open on a node that did not fail, so that it resolves.</summary>
    Task EndSessionAsync(DbConnection connection, TransactionMarker marker, CancellationToken cancellationToken);
}
