namespace Aurora.Reactive.Monitoring;

/// <summary>How a prober checks that a host answers.</summary>
internal enum ProbeMethod
{
    /// <summary>
    /// Runs <c>SELECT 1</c> on a monitoring connection kept open between probes (reopened after a failure).
    /// For drivers with a reliable command timeout; costs one idle connection per monitored host.
    /// </summary>
    SelectOne = 0,

    /// <summary>
    /// Opens (and closes) a new connection for every probe. For drivers whose queries may hang without a
    /// socket timeout but which honour a connect timeout.
    /// </summary>
    Connect = 1,
}
