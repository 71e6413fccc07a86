namespace Aurora.Reactive.Failover;

/// <summary>The built-in policies, one per <see cref="FailoverMode"/>.</summary>
public static class FailoverPolicies
{
    /// <summary>The built-in policy of <paramref name="mode"/>.</summary>
    /// <param name="mode">The failover mode.</param>
    /// <returns><see cref="StrictWriterPolicy"/>, <see cref="ReaderOrWriterPolicy"/> or <see cref="StrictReaderPolicy"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined mode.</exception>
    public static IFailoverPolicy ForMode(FailoverMode mode) => mode switch
    {
        FailoverMode.StrictWriter => StrictWriterPolicy.Instance,
        FailoverMode.ReaderOrWriter => ReaderOrWriterPolicy.Instance,
        FailoverMode.StrictReader => StrictReaderPolicy.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"failover_mode {mode} is not a known mode."),
    };
}
