using System.Collections.Concurrent;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The nodes failure monitoring currently declares dead (<see cref="HostHealthStatus.Unhealthy"/>), kept from a
/// <see cref="HostHealth"/> stream: a node leaves the set when a probe answers again.
/// </summary>
internal sealed class DeadHosts : IObserver<HostHealth>
{
    private readonly ConcurrentDictionary<string, HostSpec> _dead = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="host"/> (matched by address, or by instance id) is declared dead.</summary>
    public bool IsDead(HostSpec host)
    {
        if (_dead.IsEmpty)
        {
            return false;
        }

        return _dead.ContainsKey(host.Endpoint)
            || (host.InstanceId is { } id && _dead.Values.Any(dead => string.Equals(dead.InstanceId, id, StringComparison.Ordinal)));
    }

    public void OnNext(HostHealth value)
    {
        if (value.Status == HostHealthStatus.Unhealthy)
        {
            _dead[value.Host.Endpoint] = value.Host;
        }
        else if (value.Status == HostHealthStatus.Healthy)
        {
            _dead.TryRemove(value.Host.Endpoint, out _);
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted() => _dead.Clear();
}
