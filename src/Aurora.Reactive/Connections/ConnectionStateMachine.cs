using System.Data;
using System.Data.Common;
using System.Reactive.Linq;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The state of one <see cref="AuroraConnection"/> and the only place it changes: its status, the physical connection
/// and node it is on, its transaction, its attachment to the failover handler, and whether its node was reported lost.
/// </summary>
/// <remarks>
/// <code>
///   from \ to     Opening     Open     Broken   FailingOver     Failed    Closed
///   Closed        BeginOpen
///   Opening                   Opened   Lose                                Close
///   Open                               Lose                     Lose (1)   Close
///   Broken                                      BeginFailover              Close
///   FailingOver               Opened                            Fail       Close
///   Failed                                                                 Close
///
///   Closed ─BeginOpen─► Opening ─Opened─► Open ─Lose─► Broken ─BeginFailover─► FailingOver ─Opened─► Open
///                          └──────────Lose──────────────►┘                           │
///                                         Open ─Lose (1)─► Failed ◄────────Fail───────┘
///   every state but Closed ─Close─► Closed
/// </code>
/// (1) Without a failover handler: monitoring declared the node dead, and the connection stays unusable until closed.
/// Before <see cref="Opened"/>, <see cref="Install"/> (while Opening or FailingOver) puts the connection on its physical
/// connection, so that its session can be set up there.
/// <para>
/// Losing the node is the one transition <see cref="Lose"/>, whatever the cause: a driver error the classifier calls a
/// connection loss, a command released by an enhanced-failure-monitoring verdict, a writer change seen by the
/// coordinator, or a loss reported while the connection was idle. A report (<see cref="MarkLost"/>, from any thread)
/// only marks the loss and releases a command in flight; the caller's thread then makes the transition. Every other
/// pair is refused with an <see cref="InvalidOperationException"/>; <see cref="Close"/> of a closed connection does nothing.
/// </para>
/// The machine is its own lock; every read that the hot path makes (status, through the state; physical connection, host) is a plain field read.
/// </remarks>
internal sealed partial class ConnectionStateMachine
{
    private readonly AuroraConnection _owner;
    private LogicalConnectionState _state = LogicalConnectionState.Closed; // its status is the connection's
    private Broadcast<LogicalConnectionState>? _subject; // created for the first subscriber (with its outbox): most connections have none
    private bool _completed;
    private DbConnection? _physical;
    private HostSpec? _host;
    private AuroraTransaction? _transaction;
    private IFailoverHandler? _attachedTo;
    private bool _lossArmed;
    private int _lossArm; // which arm of loss reports is current: a release handed off for an earlier one is stale
    private bool _lossReported;
    private LossRace? _races; // the statements racing a loss report now (a list through LossRace.Next)

    // The loss the next command fails over with: a report's reason (then _lossReported), or an error met in a dispose.
    private Exception? _pendingLoss;

    /// <summary>Creates the machine of <paramref name="owner"/>, closed; the owner raises its ADO.NET state changes.</summary>
    public ConnectionStateMachine(AuroraConnection owner) => _owner = owner;

    /// <summary>The status, read without the lock (the connection's own thread is the only writer).</summary>
    public LogicalConnectionStatus Status => _state.Status;

    /// <summary>The current state, read under the lock.</summary>
    public LogicalConnectionState State
    {
        get
        {
            lock (this)
            {
                return _state;
            }
        }
    }

    /// <summary>The ADO.NET view of the status: a failover in progress stays Open, a failed connection is Broken.</summary>
    public ConnectionState AdoState => ToAdo(_state.Status);

    /// <summary>The physical connection in use, or <see langword="null"/>.</summary>
    public DbConnection? Physical => _physical;

    /// <summary>The node the connection is on (while broken or failing over, the node it lost), or <see langword="null"/>.</summary>
    public HostSpec? Host => _host;

    /// <summary>The open ADO.NET transaction, or <see langword="null"/>.</summary>
    public AuroraTransaction? Transaction => _transaction;

    /// <summary>Whether commands must be watched for a loss report (the connection is installed on a node and not a pass-through).</summary>
    public bool IsLossWatched => _lossArmed;

    /// <summary>Whether the node was reported lost while the connection was idle, or after an error where throwing was not allowed.</summary>
    public bool HasPendingLoss => Volatile.Read(ref _pendingLoss) is not null;

    /// <summary>The states: the current one at subscription, then every change; completes at <see cref="Complete"/>.</summary>
    public IObservable<LogicalConnectionState> Changes => Observable.Create<LogicalConnectionState>(observer =>
    {
        Broadcast<LogicalConnectionState> states;
        lock (this)
        {
            if (_subject is null)
            {
                _subject = new Broadcast<LogicalConnectionState>(new Outbox(this, _owner.OnStateSubscriberError), _owner.OnStateSubscriberError);
                if (_completed)
                {
                    _subject.Complete();
                }
            }

            states = _subject;
        }

        return states.Subscribe(observer, () => [_state]);
    });

    /// <summary>Whether the table allows going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool Allows(LogicalConnectionStatus from, LogicalConnectionStatus to) => (from, to) switch
    {
        (LogicalConnectionStatus.Closed, LogicalConnectionStatus.Opening) => true,
        (LogicalConnectionStatus.Opening, LogicalConnectionStatus.Open or LogicalConnectionStatus.Broken) => true,
        (LogicalConnectionStatus.Open, LogicalConnectionStatus.Broken or LogicalConnectionStatus.Failed) => true,
        (LogicalConnectionStatus.Broken, LogicalConnectionStatus.FailingOver) => true,
        (LogicalConnectionStatus.FailingOver, LogicalConnectionStatus.Open or LogicalConnectionStatus.Failed) => true,
        (not LogicalConnectionStatus.Closed, LogicalConnectionStatus.Closed) => true,
        _ => false,
    };

    /// <summary>The error for a refused transition; opening a connection that is not closed keeps its ADO.NET wording.</summary>
    public static InvalidOperationException Refusal(LogicalConnectionStatus from, LogicalConnectionStatus to) => to == LogicalConnectionStatus.Opening
        ? new InvalidOperationException($"The connection is already {from}; close it before opening it again.")
        : new InvalidOperationException($"A logical connection cannot go from {from} to {to}.");

    /// <summary>Throws the refusal when the connection cannot go to <paramref name="to"/> now.</summary>
    public void ThrowIfRefused(LogicalConnectionStatus to)
    {
        if (!Allows(_state.Status, to))
        {
            throw Refusal(_state.Status, to);
        }
    }

    /// <summary>Closed → Opening.</summary>
    public void BeginOpen(LogicalConnectionState opening) => Move(opening);

    /// <summary>
    /// While opening or failing over: the connection is on <paramref name="physical"/> at <paramref name="host"/>, and
    /// (when <paramref name="watchLoss"/>) listens for loss reports, before its session is set up. The status moves at <see cref="Opened"/>.
    /// </summary>
    public void Install(DbConnection physical, HostSpec host, bool watchLoss)
    {
        if (_state.Status is not (LogicalConnectionStatus.Opening or LogicalConnectionStatus.FailingOver))
        {
            throw Refusal(_state.Status, LogicalConnectionStatus.Open);
        }

        _physical = physical;
        _host = host;
        if (watchLoss)
        {
            lock (this)
            {
                Disarm(armed: true);
            }
        }
    }

    /// <summary>Opening or FailingOver → Open, on the node <see cref="Install"/> gave.</summary>
    public void Opened(LogicalConnectionState open) => Move(open);

    /// <summary>Attaches the connection to <paramref name="handler"/> (none: nothing), until <see cref="Close"/> detaches it.</summary>
    public void Attach(IFailoverHandler? handler)
    {
        handler?.Attach(_owner);
        _attachedTo = handler;
    }

    /// <summary>
    /// The node is lost: Opening or Open → Broken when <paramref name="failover"/>, else Open → Failed. The physical
    /// connection and the transaction are let go (returned for the caller to roll back, mark lost and dispose), and loss
    /// reports stop. The node stays <see cref="Host"/>, as the node the failover starts from.
    /// </summary>
    public (DbConnection? Physical, AuroraTransaction? Transaction) Lose(HostSpec failedHost, Exception error, bool failover)
    {
        var to = failover ? LogicalConnectionStatus.Broken : LogicalConnectionStatus.Failed;
        if (failover ? !Allows(_state.Status, to) : _state.Status != LogicalConnectionStatus.Open)
        {
            throw Refusal(_state.Status, to);
        }

        var lost = (_physical, _transaction);
        _physical = null;
        _transaction = null;
        _host = failedHost;
        Move(new LogicalConnectionState(to, failedHost, error), disarm: true);
        return lost;
    }

    /// <summary>Broken → FailingOver: the handler is asked for another node.</summary>
    public void BeginFailover(HostSpec failedHost) => Move(new LogicalConnectionState(LogicalConnectionStatus.FailingOver, failedHost));

    /// <summary>FailingOver → Failed: no node took over; returns the physical connection installed and then let go (a failed session restore), if any.</summary>
    public DbConnection? Fail(HostSpec failedHost, Exception error)
    {
        if (_state.Status != LogicalConnectionStatus.FailingOver)
        {
            throw Refusal(_state.Status, LogicalConnectionStatus.Failed);
        }

        var installed = _physical;
        _physical = null;
        Move(new LogicalConnectionState(LogicalConnectionStatus.Failed, failedHost, error), disarm: true);
        return installed;
    }

    /// <summary>Any state → Closed: returns the physical connection to close; the transaction is marked ended. Nothing when closed.</summary>
    public DbConnection? Close()
    {
        if (_state.Status == LogicalConnectionStatus.Closed)
        {
            return null;
        }

        var physical = _physical;
        _transaction?.MarkEnded();
        _transaction = null;
        _physical = null;
        _host = null;
        lock (this)
        {
            Disarm(armed: false);
        }

        _attachedTo?.Detach(_owner);
        _attachedTo = null;
        Move(LogicalConnectionState.Closed);
        return physical;
    }

    /// <summary>Completes <see cref="Changes"/>: the connection was disposed.</summary>
    public void Complete()
    {
        lock (this)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _subject?.Complete();
        }

        _subject?.Outbox.Drain();
    }

    /// <summary>The transaction began on the physical connection.</summary>
    public void BeginTransaction(AuroraTransaction transaction) => _transaction = transaction;

    /// <summary>The transaction ended (committed, rolled back, disposed or lost).</summary>
    public void EndTransaction(AuroraTransaction transaction)
    {
        if (ReferenceEquals(_transaction, transaction))
        {
            _transaction = null;
        }
    }

    private static ConnectionState ToAdo(LogicalConnectionStatus status) => status switch
    {
        LogicalConnectionStatus.Open or LogicalConnectionStatus.Broken or LogicalConnectionStatus.FailingOver => ConnectionState.Open,
        LogicalConnectionStatus.Opening => ConnectionState.Connecting,
        LogicalConnectionStatus.Failed => ConnectionState.Broken,
        _ => ConnectionState.Closed,
    };

    private void Move(LogicalConnectionState next, bool disarm = false)
    {
        ConnectionState reported, now;
        lock (this)
        {
            if (!Allows(_state.Status, next.Status))
            {
                throw Refusal(_state.Status, next.Status);
            }

            if (disarm)
            {
                Disarm(armed: false);
            }

            // Opening is entered only from Closed, and never reported: what ADO.NET last saw is Closed.
            reported = _state.Status == LogicalConnectionStatus.Opening ? ConnectionState.Closed : ToAdo(_state.Status);
            now = ToAdo(next.Status);
            _state = next;
            _subject?.Publish(next);
        }

        _subject?.Outbox.Drain();

        // As DbConnection does: Closed to Open on open, Open to Closed on close, Open to Broken when a failover finds no node.
        // Opening is not reported, and a failover that lands on another node stays Open.
        if (now != ConnectionState.Connecting && now != reported)
        {
            _owner.RaiseStateChange(reported, now);
        }
    }
}
