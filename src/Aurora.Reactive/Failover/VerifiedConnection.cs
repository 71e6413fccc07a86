using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>An open physical connection and its node, with the role the node reported itself. Claimed by exactly one logical connection.</summary>
internal sealed class VerifiedConnection(DbConnection connection, HostSpec host)
{
    private int _claimed;

    public HostSpec Host { get; } = host;

    /// <summary>Hands the connection to the first caller only; later callers get <see langword="null"/>.</summary>
    public DbConnection? Claim() => Interlocked.Exchange(ref _claimed, 1) == 0 ? connection : null;

    /// <summary>Disposes the connection unless it was claimed.</summary>
    public void DisposeUnclaimed()
    {
        if (Claim() is { } unclaimed)
        {
            DisposeQuietly(unclaimed);
        }
    }

    /// <summary>Starts disposing at once (a healthy node's connection closes inline) and ignores a failure (the node may be gone).</summary>
    public static void DisposeQuietly(DbConnection connection)
    {
        Task disposal;
        try
        {
            disposal = connection.DisposeAsync().AsTask();
        }
        catch (Exception)
        {
            return;
        }

        _ = disposal.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
