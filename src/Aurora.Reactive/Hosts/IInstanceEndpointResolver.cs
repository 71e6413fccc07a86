namespace Aurora.Reactive.Hosts;

/// <summary>
/// Turns an instance id, as the topology names it, into the host to connect to. Implemented by
/// <see cref="InstanceHostPatternResolver"/> (<c>cluster_instance_host_pattern</c>) and by
/// <see cref="InstanceEndpointMap"/> (<c>cluster_instance_endpoints</c>). The method group
/// <see cref="Resolve"/> converts to the <c>Func&lt;string, HostSpec&gt;</c> the topology monitor takes.
/// </summary>
internal interface IInstanceEndpointResolver
{
    /// <summary>Returns the host of the instance <paramref name="instanceId"/>, with its instance id set and role <see cref="HostRole.Unknown"/>.</summary>
    /// <param name="instanceId">The instance id, typically read from a server; it is validated before use.</param>
    /// <returns>The instance's host.</returns>
    /// <exception cref="InvalidInstanceIdException"><paramref name="instanceId"/> is not a valid DNS label.</exception>
    /// <exception cref="InstanceEndpointNotFoundException">The resolver has no endpoint for this instance (explicit maps only).</exception>
    HostSpec Resolve(string instanceId);
}
