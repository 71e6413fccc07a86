namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>What happens to the writer when <see cref="LocalPostgresCluster.FailoverAsync"/> starts a failover.</summary>
public enum FailoverFault
{
    /// <summary>The writer is killed (SIGKILL), as a crashed instance.</summary>
    Crash = 1,

    /// <summary>The writer is frozen (SIGSTOP): its sockets stay open and nothing answers, as a hung instance.</summary>
    Freeze = 2,
}
