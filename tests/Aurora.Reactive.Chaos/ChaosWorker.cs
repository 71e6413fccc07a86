using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Chaos;

/// <summary>
/// One application thread writing through one client: a new id per write, the outcome recorded, a short pause,
/// again; after an error a short wait, then a new write with a new id. A call that has not returned within the
/// cap is marked hung (and still awaited). Calls get no token: stopping ends the loop between writes, never a call.
/// </summary>
public sealed class ChaosWorker(IChaosWriter writer, string name, ChaosLedger ledger, ChaosPlan plan)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _errors = [];

    public string Kind => writer.Kind;

    /// <summary>Error type names seen and how often, since the last call.</summary>
    public IReadOnlyDictionary<string, int> TakeErrors()
    {
        lock (_gate)
        {
            var copy = new Dictionary<string, int>(_errors);
            _errors.Clear();
            return copy;
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var id = ledger.Begin(writer.Kind);
            var call = writer.WriteAsync(id, name, CancellationToken.None);
            try
            {
                string instance;
                try
                {
                    instance = await call.WaitAsync(plan.CallCap);
                }
                catch (TimeoutException) when (!call.IsCompleted)
                {
                    ledger.MarkHung(id);
                    instance = await call;
                }

                ledger.Acknowledge(id, instance);
                await PauseAsync(plan.WritePause, stop);
            }
#pragma warning disable CA1031 // An application's write loop carries on after whatever the client throws; the ledger records it.
            catch (Exception error)
#pragma warning restore CA1031
            {
                var outcome = error is TransactionResolutionUnknownException or CommitOutcomeUnknownException ? WriteOutcome.Unknown : WriteOutcome.Failed;
                ledger.Settle(id, outcome, error.GetType().Name + ": " + error.Message);
                lock (_gate)
                {
                    var key = error is CommitOutcomeUnknownException ? "CommitFailed(" + error.InnerException?.GetType().Name + ")" : error.GetType().Name;
                    _errors[key] = _errors.GetValueOrDefault(key) + 1;
                }

                await PauseAsync(plan.RetryDelay, stop);
            }
        }
    }

    private static async Task PauseAsync(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the worker.
        }
    }
}
