namespace Aurora.Reactive.Client;

/// <summary>Which node a unit of work runs on.</summary>
public enum ExecuteTarget
{
    /// <summary>The writer: the unit may write; after a failover it runs on the new writer.</summary>
    Writer = 0,

    /// <summary>
    /// A reader from the latest topology (the writer when no reader is known): for read-only work. When
    /// the reader fails, the unit runs again on another node.
    /// </summary>
    Reader = 1,
}
