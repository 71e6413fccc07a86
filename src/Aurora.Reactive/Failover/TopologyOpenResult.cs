using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>How a topology-aware open ended (a value, so that an open the pool serves at once allocates no result).</summary>
internal readonly struct TopologyOpenResult
{
    private TopologyOpenResult(DbConnection? connection, HostSpec? host, Exception? error)
    {
        Connection = connection;
        Host = host;
        Error = error;
    }

    /// <summary>The topology does not tell where to open: open through the endpoint.</summary>
    public static TopologyOpenResult Unknown => default;

    /// <summary>The open physical connection (owned by the caller), or <see langword="null"/>.</summary>
    public DbConnection? Connection { get; }

    /// <summary>The node opened, or the node that failed last.</summary>
    public HostSpec? Host { get; }

    /// <summary>Why no candidate opened, or <see langword="null"/>.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the topology told nothing.</summary>
    public bool IsUnknown => Host is null;

    public static TopologyOpenResult Opened(DbConnection connection, HostSpec host) => new(connection, host, null);

    public static TopologyOpenResult Failed(HostSpec host, Exception error) => new(null, host, error);
}
