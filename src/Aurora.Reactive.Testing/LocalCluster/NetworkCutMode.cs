namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>How a cut network to a node behaves for clients.</summary>
public enum NetworkCutMode
{
    /// <summary>Existing connections are reset and new ones are reset as soon as they are accepted, like a host whose port is closed.</summary>
    Drop = 1,

    /// <summary>Existing and new connections stay open but no byte flows in either direction, like a host that vanished from the network.</summary>
    Blackhole = 2,
}
