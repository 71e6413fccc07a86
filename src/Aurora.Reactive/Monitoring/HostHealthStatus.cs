namespace Aurora.Reactive.Monitoring;

/// <summary>What the probes of a host's monitor currently say about it.</summary>
public enum HostHealthStatus
{
    /// <summary>No probe has completed yet (the monitor was just created, or never had to probe).</summary>
    Unknown = 0,

    /// <summary>The latest probe was answered.</summary>
    Healthy = 1,

    /// <summary>At least one, but fewer than <see cref="FailureDetectionSettings.Count"/>, consecutive probes failed.</summary>
    Suspect = 2,

    /// <summary><see cref="FailureDetectionSettings.Count"/> or more consecutive probes failed.</summary>
    Unhealthy = 3,
}
