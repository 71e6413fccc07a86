namespace Aurora.Reactive.Connections;

/// <content>The connection's states, as its <see cref="ConnectionStateMachine"/> keeps them.</content>
public sealed partial class AuroraConnection
{
    /// <inheritdoc cref="ILogicalConnection.CurrentState"/>
    internal LogicalConnectionState CurrentState => _machine.State;

    /// <inheritdoc cref="ILogicalConnection.StateChanges"/>
    internal IObservable<LogicalConnectionState> StateChanges => _machine.Changes;

    /// <summary>Logs an exception a subscriber of <see cref="StateChanges"/> threw (it is then unsubscribed).</summary>
    internal void OnStateSubscriberError(Exception error) =>
        (_source?.Telemetry ?? Diagnostics.AuroraTelemetry.Detached).StreamSubscriberFailed("a connection's states", error);
}
