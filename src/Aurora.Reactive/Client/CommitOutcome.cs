namespace Aurora.Reactive.Client;

/// <summary>What the new writer says about a transaction whose COMMIT was in flight when its node failed.</summary>
internal enum CommitOutcome
{
    /// <summary>The transaction committed: its work is on the new writer; do not run it again.</summary>
    Committed = 0,

    /// <summary>The transaction did not commit (aborted, or never reached the new writer): run it again.</summary>
    NotCommitted = 1,

    /// <summary>Still running on a node that did not fail (its session has not ended yet): ask again.</summary>
    InProgress = 2,

    /// <summary>The outcome cannot be known.</summary>
    Unknown = 3,
}
