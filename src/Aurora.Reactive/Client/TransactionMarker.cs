using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>
/// What the client notes inside a transaction it opened, so that after a failover it can ask the new
/// writer whether that transaction committed.
/// </summary>
/// <param name="TransactionId">The 64-bit transaction id (PostgreSQL <c>txid_current()</c>).</param>
/// <param name="IdLoggedAt">
/// The WAL position by which the id is in the writer's WAL (the end of a transactional logical message written with it), or
/// <see langword="null"/> when the server would not write one. A promoted node that replayed past it knew the id, so it
/// cannot have given the id to another transaction; one that did not may have, and its answer for the id then says nothing.
/// </param>
/// <param name="BackendProcessId">The server process of the session, to end it when it outlives the failover.</param>
/// <param name="Timeline">The writer's WAL timeline when the id was taken: a promotion starts a new one, so an equal timeline
/// later means the same history (and the same node); <see langword="null"/> when the server does not tell.</param>
/// <param name="Host">The address the transaction ran through (a cluster endpoint may name another node later).</param>
internal sealed record TransactionMarker(long TransactionId, ulong? IdLoggedAt, int BackendProcessId, long? Timeline, HostSpec Host);
