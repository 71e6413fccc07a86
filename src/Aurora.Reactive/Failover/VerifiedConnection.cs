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

    public static void DisposeQuietly(DbConnection connection) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The node may be gone; disposing is best effort.
            }
        });
}
