namespace Aurora.Reactive.Tests.Monitoring;

internal enum SimulatedAnswerKind
{
    /// <summary>Answers after the delay.</summary>
    Answer,

    /// <summary>Fails after the delay (connection refused, reset).</summary>
    Fail,

    /// <summary>Never answers (a frozen host).</summary>
    Never,

    /// <summary>The prober itself throws when asked to probe.</summary>
    ThrowOnProbe,
}
