namespace Aurora.Reactive.Hosts;

/// <summary>Resolves instance ids through an <see cref="InstanceHostPattern"/>, with the connection's port as default.</summary>
internal sealed class InstanceHostPatternResolver : IInstanceEndpointResolver
{
    /// <summary>Creates the resolver.</summary>
    /// <param name="pattern">The host pattern.</param>
    /// <param name="defaultPort">The port for patterns that name none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultPort"/> is not between 1 and 65535.</exception>
    public InstanceHostPatternResolver(InstanceHostPattern pattern, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(defaultPort, 65535);
        Pattern = pattern;
        DefaultPort = defaultPort;
    }

    /// <summary>The host pattern.</summary>
    public InstanceHostPattern Pattern { get; }

    /// <summary>The port used when the pattern names none.</summary>
    public int DefaultPort { get; }

    /// <inheritdoc/>
    public HostSpec Resolve(string instanceId) => Pattern.Resolve(instanceId, DefaultPort);

    /// <inheritdoc/>
    public override string ToString() => $"{Pattern} (default port {DefaultPort})";
}
