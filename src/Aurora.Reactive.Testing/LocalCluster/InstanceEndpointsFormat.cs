using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Formats the value of the library's <c>cluster_instance_endpoints</c> option:
/// <c>instance-1=127.0.0.1:PORT,instance-2=127.0.0.1:PORT</c>. All local nodes share one address, so a
/// host pattern cannot map instance ids to endpoints; this list does.
/// </summary>
internal static class InstanceEndpointsFormat
{
    /// <summary>Joins <c>id=host:port</c> pairs with commas, in the given order.</summary>
    internal static string Format(IEnumerable<(string InstanceId, string Host, int Port)> endpoints) =>
        string.Join(",", endpoints.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.InstanceId}={e.Host}:{e.Port}")));
}
