namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>What the node's server process is doing.</summary>
public enum LocalNodeState
{
    /// <summary>The server runs and answers.</summary>
    Running = 1,

    /// <summary>The server's processes are stopped with SIGSTOP: sockets stay open, nothing answers.</summary>
    Frozen = 2,

    /// <summary>The server was killed (SIGKILL) and is not running.</summary>
    Crashed = 3,

    /// <summary>The server was shut down cleanly and is not running.</summary>
    Stopped = 4,
}
