namespace FailoverDemo.Live;

/// <summary>One host of a topology read.</summary>
internal sealed record TopologyHost(string Endpoint, string? InstanceId, string Role);
