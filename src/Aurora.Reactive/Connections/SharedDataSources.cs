using System.Collections.Concurrent;
using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The data sources of connections given a connection string (<see cref="AuroraConnection.ConnectionString"/>): one per
/// driver and distinct string, created on first use and kept for the process, as a plain driver keeps one pool per string.
/// A data source that was disposed is replaced on next use.
/// </summary>
internal static class SharedDataSources
{
    private static readonly ConcurrentDictionary<(IDatabaseDriver Driver, string ConnectionString), AuroraDataSource> ByString = new();
    private static readonly object CreateGate = new();

    /// <exception cref="ArgumentException">The connection string is invalid or the driver rejects it; nothing is kept.</exception>
    public static AuroraDataSource For(IDatabaseDriver driver, string connectionString)
    {
        var key = (driver, connectionString);
        if (ByString.TryGetValue(key, out var shared) && !shared.IsDisposed)
        {
            return shared;
        }

        lock (CreateGate)
        {
            if (ByString.TryGetValue(key, out shared) && !shared.IsDisposed)
            {
                return shared;
            }

            shared = AuroraDataSource.Create(connectionString, driver);
            ByString[key] = shared;
            return shared;
        }
    }

    /// <summary>How many data sources are kept (for tests).</summary>
    internal static int Count => ByString.Count;
}
