using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    private readonly object _stateGate = new();
    private LogicalConnectionStatus _status;
    private LogicalConnectionState _state = LogicalConnectionState.Closed;
    private Subject<LogicalConnectionState>? _stateSubject;
    private bool _stateCompleted;

    /// <inheritdoc/>
    public LogicalConnectionState CurrentState
    {
        get
        {
            lock (_stateGate)
            {
                return _state;
            }
        }
    }

    /// <inheritdoc/>
    public IObservable<LogicalConnectionState> StateChanges => Observable.Create<LogicalConnectionState>(observer =>
    {
        lock (_stateGate)
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

    private void SetState(LogicalConnectionStatus status, HostSpec? host, Exception? error = null)
    {
        _status = status;
        var state = status == LogicalConnectionStatus.Closed && host is null ? LogicalConnectionState.Closed : new LogicalConnectionState(status, host, error);
        lock (_stateGate)
        {
            _state = state;
            _stateSubject?.OnNext(state);
        }
    }

    private void CompleteStates()
    {
        lock (_stateGate)
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
