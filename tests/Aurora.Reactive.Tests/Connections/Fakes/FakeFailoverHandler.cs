using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>A failover handler that moves every failed connection to one target host, and records what it was asked.</summary>
internal sealed class FakeFailoverHandler : IFailoverHandler
{
    public FakeFailoverHandler(HostSpec? target) => Target = target;

    public HostSpec? Target { get; set; }

    public List<FailoverRequest> Requests { get; } = new();

    /// <summary>Called as each failover begins, on the caller's thread and in its execution context.</summary>
    public Action? Asked { get; set; }

    public List<ILogicalConnection> Attached { get; } = new();

    public int Detached { get; private set; }

    public void Attach(ILogicalConnection connection) => Attached.Add(connection);

    public void Detach(ILogicalConnection connection) => Detached++;

    public async Task<FailoverOutcome> FailOverAsync(FailoverRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Asked?.Invoke();
        if (Target is null)
        {
            return FailoverOutcome.Failure("no node in the test");
        }

        var connection = request.Connections.CreateConnection(Target);
        await connection.OpenAsync(cancellationToken);
        return FailoverOutcome.Success(connection, Target);
    }
}
