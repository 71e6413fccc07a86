namespace Aurora.Reactive.Chaos;

/// <summary>The faults the chaos run draws from, each with its recovery.</summary>
public enum ChaosFaultKind
{
    /// <summary>SIGKILL to the writer, promotion of the most advanced reader after the plan's delay; the old writer rejoins as a reader.</summary>
    WriterCrash = 1,

    /// <summary>SIGSTOP to the writer, promotion after the delay; the frozen old writer is then ended and rejoins as a reader.</summary>
    WriterFreeze = 2,

    /// <summary>SIGSTOP to the writer for the plan's pause, then SIGCONT: no promotion, held work resumes.</summary>
    WriterPause = 3,

    /// <summary>The writer's network is cut silently (blackhole), a reader is promoted after the delay; the old writer rejoins, then its network is restored.</summary>
    WriterBlackhole = 4,

    /// <summary>The writer's network drops connections (resets) for the plan's pause, then is restored: no promotion.</summary>
    WriterDrop = 5,

    /// <summary>A clean switchover to the most advanced reader; the old writer comes back as a reader.</summary>
    Switchover = 6,

    /// <summary>SIGKILL to a reader (drawn at random); it rejoins afterwards.</summary>
    ReaderCrash = 7,
}
