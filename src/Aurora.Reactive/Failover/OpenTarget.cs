namespace Aurora.Reactive.Failover;

/// <summary>Where a new logical connection opens once the topology is known.</summary>
internal enum OpenTarget
{
    /// <summary>The node the connection string names (an instance endpoint, or a custom name in reader_or_writer mode).</summary>
    Endpoint = 0,

    /// <summary>The current writer (a writer/cluster endpoint, or strict_writer mode).</summary>
    Writer = 1,

    /// <summary>A live reader, spread across the readers (a reader endpoint, or strict_reader mode).</summary>
    Reader = 2,
}
