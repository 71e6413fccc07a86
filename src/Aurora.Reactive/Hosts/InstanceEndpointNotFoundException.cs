namespace Aurora.Reactive.Hosts;

/// <summary>The topology named an instance that <c>cluster_instance_endpoints</c> does not list.</summary>
internal sealed class InstanceEndpointNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The instance id that has no endpoint.</param>
    /// <param name="knownInstanceIds">The instance ids the map does list.</param>
    public InstanceEndpointNotFoundException(string instanceId, IEnumerable<string> knownInstanceIds)
        : base($"Instance '{instanceId}' has no endpoint in cluster_instance_endpoints (it lists: {string.Join(", ", knownInstanceIds ?? [])}).")
    {
        InstanceId = instanceId;
    }

    /// <summary>The instance id that has no endpoint.</summary>
    public string InstanceId { get; }
}
