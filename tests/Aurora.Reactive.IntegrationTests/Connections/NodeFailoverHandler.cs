using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// A test failover handler that stands in for the coordinator: it moves a failed connection to the node
/// the test names (once the test knows it, for example when the kit's promotion completes), opens a
/// connection there with the request's factory and asks the node its role before accepting it.
/// </summary>
internal sealed class NodeFailoverHandler : IFailoverHandler
{
    private readonly object _gate = new();
    private readonly List<FailoverRequest> _requests = new();
    private TaskCompletionSource<HostSpec> _target = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a failover may take before it gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The query whose value is true (or non-zero) on a reader: PostgreSQL's by default; MySQL's is <c>SELECT CAST(@@read_only AS SIGNED)</c>.</summary>
    public string ReaderQuery { get; init; } = "SELECT pg_catalog.pg_is_in_recovery()";

    /// <summary>Whether the target must answer as a writer (it may still be finishing its promotion).</summary>
    public bool RequireWriter { get; init; } = true;

    public IReadOnlyList<FailoverRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public static HostSpec HostOf(LocalClusterNode node, HostRole role = HostRole.Unknown) => new("127.0.0.1", node.Port, node.InstanceId, role);

    /// <summary>The next failover goes to <paramref name="node"/>.</summary>
    public void MoveTo(LocalClusterNode node)
    {
        lock (_gate)
        {
            if (!_target.TrySetResult(HostOf(node)))
            {
                _target = new TaskCompletionSource<HostSpec>(TaskCreationOptions.RunContinuationsAsynchronously);
                _target.SetResult(HostOf(node));
            }
        }
    }

    /// <summary>The next failover goes to the node <paramref name="promotion"/> promotes, once it has.</summary>
    public void Follow<TNode>(Task<TNode> promotion)
        where TNode : LocalClusterNode
    {
        Forget();
        _ = promotion.ContinueWith(t => MoveTo(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Forgets the target: the next failover waits for one.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _target = new TaskCompletionSource<HostSpec>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Attach(ILogicalConnection connection)
    {
    }

    public void Detach(ILogicalConnection connection)
    {
    }

    public async Task<FailoverOutcome> FailOverAsync(FailoverRequest request, CancellationToken cancellationToken)
    {
        Task<HostSpec> targetTask;
        lock (_gate)
        {
            _requests.Add(request);
            targetTask = _target.Task;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        HostSpec target;
        try
        {
            target = await targetTask.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FailoverOutcome.Failure($"no target node within {Timeout.TotalSeconds:0.#} s");
        }

        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            var connection = request.Connections.CreateConnection(target);
            try
            {
                await connection.OpenAsync(timeout.Token);
                var inRecovery = await IsReaderAsync(connection, timeout.Token);
                if (!RequireWriter || !inRecovery)
                {
                    return FailoverOutcome.Success(connection, target with { Role = inRecovery ? HostRole.Reader : HostRole.Writer });
                }

                last = new InvalidOperationException($"{target} still answers as a reader");
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = error;
            }

            await connection.DisposeAsync();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return FailoverOutcome.Failure($"{target} did not accept the connection as required within {Timeout.TotalSeconds:0.#} s", last);
    }

    private async Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ReaderQuery;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is bool reader ? reader : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }
}
