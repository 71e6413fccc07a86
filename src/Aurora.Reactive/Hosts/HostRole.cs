namespace Aurora.Reactive.Hosts;

/// <summary>The role a database node plays in its cluster.</summary>
public enum HostRole
{
    /// <summary>Not known yet: the node has not been asked, or did not answer.</summary>
    Unknown = 0,

    /// <summary>The node accepts writes (the primary).</summary>
    Writer = 1,

    /// <summary>The node serves reads only (a replica or hot standby).</summary>
    Reader = 2,
}
