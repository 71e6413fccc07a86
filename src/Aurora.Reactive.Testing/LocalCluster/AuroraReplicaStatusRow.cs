using System.Security.Cryptography;
using System.Text;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// One row the kit's control plane publishes for <c>pg_catalog.aurora_replica_status()</c>. Publish
/// hand-made rows with <see cref="LocalPostgresCluster.PublishTopologyAsync"/> to show clients a stale,
/// two-writer or writer-less topology.
/// </summary>
public sealed record AuroraReplicaStatusRow
{
    /// <summary>The <c>session_id</c> Aurora gives the writer's row.</summary>
    public const string WriterSessionId = "MASTER_SESSION_ID";

    /// <summary>Creates a row.</summary>
    /// <param name="serverId">The instance id (<c>server_id</c>).</param>
    /// <param name="isWriter">Whether the row claims the writer role (<c>session_id = 'MASTER_SESSION_ID'</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="serverId"/> is empty.</exception>
    public AuroraReplicaStatusRow(string serverId, bool isWriter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverId);
        ServerId = serverId;
        IsWriter = isWriter;
        SessionId = isWriter ? WriterSessionId : ReaderSessionId(serverId);
        ReplicaLagInMilliseconds = isWriter ? null : 0;
    }

    /// <summary>The instance id (<c>server_id</c>).</summary>
    public string ServerId { get; }

    /// <summary>Whether the row claims the writer role.</summary>
    public bool IsWriter { get; }

    /// <summary>The <c>session_id</c>: <see cref="WriterSessionId"/> for the writer, a stable uuid-like id for a reader.</summary>
    public string SessionId { get; init; }

    /// <summary>The <c>cpu</c> column, in percent.</summary>
    /// <value>The default value is 1.</value>
    public double Cpu { get; init; } = 1;

    /// <summary>The <c>replica_lag_in_msec</c> column.</summary>
    /// <value>The default value is 0 for a reader and <see langword="null"/> for the writer.</value>
    public double? ReplicaLagInMilliseconds { get; init; }

    /// <summary>
    /// When <see langword="true"/>, <c>last_update_timestamp</c> is the time of the query, as for a live
    /// Aurora instance; when <see langword="false"/>, it is <see cref="LastUpdateTimestamp"/>.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IsLive { get; init; } = true;

    /// <summary>The <c>last_update_timestamp</c> column when <see cref="IsLive"/> is <see langword="false"/>; <see langword="null"/> gives a NULL timestamp.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? LastUpdateTimestamp { get; init; }

    private static string ReaderSessionId(string serverId) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes(serverId))).ToString();
}
