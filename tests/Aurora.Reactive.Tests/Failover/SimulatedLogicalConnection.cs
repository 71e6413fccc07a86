using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>A logical connection as the coordinator sees it: on a node, open, recording every loss report.</summary>
internal sealed class SimulatedLogicalConnection(HostSpec host) : ILogicalConnection
{
    public HostSpec? CurrentHost { get; set; } = host;

    public LogicalConnectionState CurrentState => new(LogicalConnectionStatus.Open, CurrentHost);

    public IObservable<LogicalConnectionState> StateChanges => Observable.Return(CurrentState);

    public List<(HostSpec Host, Exception Reason)> LossReports { get; } = [];

    public Action<HostSpec, Exception>? OnLost { get; set; }

    public void ReportHostLost(HostSpec host, Exception reason)
    {
        LossReports.Add((host, reason));
        OnLost?.Invoke(host, reason);
    }
}
