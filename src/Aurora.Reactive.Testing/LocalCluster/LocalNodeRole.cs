namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>The role the kit's control plane gives a node.</summary>
public enum LocalNodeRole
{
    /// <summary>The node is the cluster's writer (the primary).</summary>
    Writer = 1,

    /// <summary>The node is a reader (a hot standby), or a failed old writer waiting to rejoin as one.</summary>
    Reader = 2,
}
