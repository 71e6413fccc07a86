namespace Aurora.Reactive.Monitoring;

/// <summary>How one probe of a host ended.</summary>
internal enum ProbeOutcome
{
    /// <summary>The host answered within the probe timeout.</summary>
    Answered = 0,

    /// <summary>The probe failed before the timeout (connection refused, reset, a server error, or a prober that threw).</summary>
    Failed = 1,

    /// <summary>
    /// The host did not answer within the probe timeout, whichever timer noticed it first (the monitor's, or
    /// the prober's own); the probe was abandoned.
    /// </summary>
    TimedOut = 2,
}
