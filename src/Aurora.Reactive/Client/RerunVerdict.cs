namespace Aurora.Reactive.Client;

/// <summary>What the re-run loop does after an attempt failed.</summary>
internal enum RerunVerdict
{
    /// <summary>The error reaches the caller as raised.</summary>
    Fail = 0,

    /// <summary>The connection already works on another node: run again at once.</summary>
    RerunNow = 1,

    /// <summary>No node took over yet: pause (with back-off), then run again on a new connection.</summary>
    RerunAfterPause = 2,
}
