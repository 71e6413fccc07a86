using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>
/// How the logical connections of one <see cref="AuroraDataSource"/> behave around failover. The
/// defaults give a plain pass-through connection (no failover handler).
/// </summary>
internal sealed partial class AuroraConnectionSettings
{
    private readonly IReadOnlyList<string> _sessionSetupStatements = Array.Empty<string>();
    private readonly TimeSpan _rollbackTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The default settings: no failover handler, nothing replayed.</summary>
    public static AuroraConnectionSettings Default { get; } = new();

    /// <summary>
    /// The failover coordinator, or <see langword="null"/> for a pass-through connection
    /// (<c>enable_failover=false</c>): every driver error then reaches the caller as raised.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IFailoverHandler? FailoverHandler { get; init; }

    /// <summary>
    /// Whether a read-only error (a write refused by a read-only node) on a node believed to be the writer
    /// starts a failover: the node was demoted. Set in <c>strict_writer</c> mode.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool FailOverOnReadOnlyError { get; init; }

    /// <summary>
    /// The role the node named by the connection string is believed to have until a failover verifies
    /// one: <see cref="HostRole.Writer"/> for a cluster (writer) endpoint.
    /// </summary>
    /// <value>The default value is <see cref="HostRole.Unknown"/>.</value>
    public HostRole InitialHostRole { get; init; }

    /// <summary>
    /// Whether the session's read-only setting (made with <see cref="AuroraConnection.SetReadOnlyAsync"/>)
    /// is applied again on the new node after a failover (<c>keep_session_state_on_failover</c>).
    /// Autocommit needs no carrying: outside a transaction every ADO.NET connection autocommits.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool KeepSessionStateOnFailover { get; init; }

    /// <summary>
    /// Whether an open connection that the writer watch moved to another node while it was idle, outside a transaction,
    /// goes on silently (<c>failover_silent_idle_move</c>). When <see langword="false"/> its next statement throws
    /// <see cref="Failover.FailoverSuccessException"/> (the connection is already on the new node), so every move is
    /// reported; inside a transaction the move is always reported, as <see cref="Failover.TransactionResolutionUnknownException"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SilentIdleMove { get; init; }

    /// <summary>
    /// Where a new connection opens once the failover handler knows the topology: the writer, a reader, or the node the
    /// connection string names. Follows <see cref="InitialHostRole"/> unless set.
    /// </summary>
    internal Failover.OpenTarget? OpenTargetOverride { get; init; }

    /// <summary>Where a new connection opens once the topology is known.</summary>
    internal Failover.OpenTarget OpenTarget => OpenTargetOverride ?? InitialHostRole switch
    {
        HostRole.Writer => Failover.OpenTarget.Writer,
        HostRole.Reader => Failover.OpenTarget.Reader,
        _ => Failover.OpenTarget.Endpoint,
    };

    /// <summary>
    /// Statements run on every new physical connection, at open and after every failover, before the
    /// caller's first command (for example <c>SET search_path TO app</c> or <c>SET TIME ZONE 'UTC'</c>).
    /// </summary>
    /// <value>The default value is an empty list.</value>
    /// <exception cref="ArgumentNullException">The list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A statement is <see langword="null"/> or blank.</exception>
    public IReadOnlyList<string> SessionSetupStatements
    {
        get => _sessionSetupStatements;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(SessionSetupStatements));
            for (var i = 0; i < value.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(value[i]))
                {
                    throw new ArgumentException(
                        $"{nameof(SessionSetupStatements)}[{i}] is '{value[i]}'; every session set-up statement must be non-blank SQL.",
                        nameof(SessionSetupStatements));
                }
            }

            _sessionSetupStatements = value.ToArray();
        }
    }

    /// <summary>
    /// How long the rollback on the failed node may take before the failover goes on without it
    /// (the node may be frozen).
    /// </summary>
    /// <value>The default value is 2 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan RollbackTimeout
    {
        get => _rollbackTimeout;
        init
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(RollbackTimeout), value, $"{nameof(RollbackTimeout)} is {value}; it must be positive.");
            }

            _rollbackTimeout = value;
        }
    }
}
