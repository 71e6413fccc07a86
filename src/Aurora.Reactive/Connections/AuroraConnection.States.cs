using System.Data;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    private LogicalConnectionStatus _status;
    private LogicalConnectionState _state = LogicalConnectionState.Closed;
    private Subject<LogicalConnectionState>? _stateSubject;
    private bool _stateCompleted;
    private ConnectionState _reportedState = ConnectionState.Closed;

    /// <inheritdoc/>
    internal LogicalConnectionState CurrentState
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <inheritdoc/>
    internal IObservable<LogicalConnectionState> StateChanges => Observable.Create<LogicalConnectionState>(observer =>
    {
        lock (_gate)
        {
            observer.OnNext(_state);
            if (_stateCompleted)
            {
                observer.OnCompleted();
                return Disposable.Empty;
            }

            _stateSubject ??= new Subject<LogicalConnectionState>();
            return _stateSubject.Subscribe(observer);
        }
    });

    private void SetState(LogicalConnectionStatus status, HostSpec? host, Exception? error = null) =>
        SetState(status == LogicalConnectionStatus.Closed && host is null ? LogicalConnectionState.Closed : new LogicalConnectionState(status, host, error));

    private void SetState(LogicalConnectionState state)
    {
        _status = state.Status;
        ConnectionState reported, now;
        lock (_gate)
        {
            _state = state;
            _stateSubject?.OnNext(state);
            reported = _reportedState;
            now = State;
            if (now != ConnectionState.Connecting)
            {
                _reportedState = now;
            }
        }

        // As DbConnection does: Closed to Open on open, Open to Closed on close, Open to Broken when a failover finds no node.
        // Opening is not reported, and a failover that lands on another node stays Open.
        if (now != ConnectionState.Connecting && now != reported)
        {
            OnStateChange(new StateChangeEventArgs(reported, now));
        }
    }

    private void CompleteStates()
    {
        lock (_gate)
        {
            if (_stateCompleted)
            {
                return;
            }

            _stateCompleted = true;
            _stateSubject?.OnCompleted();
            _stateSubject?.Dispose();
            _stateSubject = null;
        }
    }
}
