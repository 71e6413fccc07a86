using System.Diagnostics;
using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Chaos;

/// <summary>
/// Injects one fault at a time while the workers write: waits until every client kind writes, lets them write
/// steadily for a drawn while, injects the fault, waits for each kind's first acknowledged write after it (on
/// another instance when the writer moved), then recovers the cluster (rejoin, thaw, network back).
/// </summary>
public sealed class ChaosInjector(LocalPostgresCluster cluster, ChaosLedger ledger, IReadOnlyList<ChaosWorker> workers, ChaosPlan plan, long startedAt, Action<string> log)
{
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(30);
    private readonly Random _random = new(unchecked(plan.Seed * 31 + 7));
    private readonly string[] _kinds = workers.Select(w => w.Kind).Distinct().ToArray();

    public async Task<ChaosFaultRecord> RunAsync(int number, ChaosFaultKind kind, CancellationToken cancellationToken)
    {
        var notReady = await WaitUntilWritingAsync(cancellationToken);
        var steady = plan.MinSteady + ((plan.MaxSteady - plan.MinSteady) * _random.NextDouble());
        await Task.Delay(steady, cancellationToken);
        foreach (var worker in workers)
        {
            worker.TakeErrors();
        }

        var oldWriter = cluster.Writer;
        var reader = cluster.Readers[_random.Next(cluster.Readers.Count)];
        var movesWriter = kind is ChaosFaultKind.WriterCrash or ChaosFaultKind.WriterFreeze or ChaosFaultKind.WriterBlackhole or ChaosFaultKind.Switchover;
        var faultAt = Stopwatch.GetTimestamp();
        var firsts = _kinds.ToDictionary(k => k, k => ledger.FirstAcknowledgedAsync(k, faultAt, movesWriter ? oldWriter.InstanceId : null, startedAfter: !movesWriter));
        var target = kind == ChaosFaultKind.ReaderCrash ? reader.InstanceId : oldWriter.InstanceId;
        await InjectAsync(kind, oldWriter, reader, cancellationToken);
        if (movesWriter)
        {
            target += " -> " + cluster.Writer.InstanceId;
        }

        await WhenAllOrTimeoutAsync(firsts.Values, plan.DowntimeCap - Stopwatch.GetElapsedTime(faultAt), cancellationToken);
        var downtime = firsts.ToDictionary(
            f => f.Key,
            f => f.Value.IsCompletedSuccessfully && !notReady.Contains(f.Key) ? Stopwatch.GetElapsedTime(faultAt, f.Value.Result).TotalSeconds : (double?)null);
        var recoveryClock = Stopwatch.StartNew();
        await RecoverAsync(kind, oldWriter, reader, cancellationToken);
        var errors = _kinds.ToDictionary(k => k, k => DescribeErrors(workers.Where(w => w.Kind == k)));
        var record = new ChaosFaultRecord(
            number, kind, Stopwatch.GetElapsedTime(startedAt, faultAt).TotalSeconds, target, downtime, notReady, errors, recoveryClock.Elapsed.TotalSeconds);
        log(string.Create(
            CultureInfo.InvariantCulture,
            $"fault {number} {kind} on {target} at {record.AtSeconds:0.0} s: {string.Join("; ", _kinds.Select(k => $"{k} {(downtime[k] is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "no write")} ({errors[k]})"))}; recovered in {record.RecoverySeconds:0.0} s"));
        return record;
    }

    private async Task InjectAsync(ChaosFaultKind kind, LocalPostgresNode writer, LocalPostgresNode reader, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ChaosFaultKind.WriterCrash:
                await cluster.FailoverAsync(FailoverFault.Crash, target: null, plan.PromotionDelay, cancellationToken);
                break;
            case ChaosFaultKind.WriterFreeze:
                await cluster.FailoverAsync(FailoverFault.Freeze, target: null, plan.PromotionDelay, cancellationToken);
                break;
            case ChaosFaultKind.WriterPause:
                await cluster.FreezeAsync(writer);
                await Task.Delay(plan.OutageLength, cancellationToken);
                await cluster.ThawAsync(writer);
                break;
            case ChaosFaultKind.WriterDrop:
                await cluster.CutNetworkAsync(writer, NetworkCutMode.Drop);
                await Task.Delay(plan.OutageLength, cancellationToken);
                await cluster.RestoreNetworkAsync(writer);
                break;
            case ChaosFaultKind.WriterBlackhole:
                // Clients no longer reach the writer; replication still does, so once the requests that were
                // inside it are done the readers catch up and either can be promoted without losing a commit.
                await cluster.CutNetworkAsync(writer, NetworkCutMode.Blackhole);
                await Task.Delay(plan.PromotionDelay, cancellationToken);
                await cluster.WaitForReplicationAsync(cancellationToken);
                await cluster.PromoteAsync(cluster.Readers.First(r => r.State == LocalNodeState.Running), cancellationToken);
                break;
            case ChaosFaultKind.Switchover:
                await cluster.SwitchoverAsync(target: null, cancellationToken);
                break;
            case ChaosFaultKind.ReaderCrash:
                await cluster.CrashAsync(reader, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a chaos fault kind.");
        }
    }

    private async Task RecoverAsync(ChaosFaultKind kind, LocalPostgresNode writer, LocalPostgresNode reader, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ChaosFaultKind.WriterCrash or ChaosFaultKind.WriterFreeze:
                await cluster.RejoinAsReaderAsync(writer, cancellationToken);
                break;
            case ChaosFaultKind.WriterBlackhole:
                // The old writer still runs as a primary behind the cut: it is ended and rewound before clients can reach it again.
                await cluster.RejoinAsReaderAsync(writer, cancellationToken);
                await cluster.RestoreNetworkAsync(writer);
                break;
            case ChaosFaultKind.ReaderCrash:
                await cluster.RejoinAsReaderAsync(reader, cancellationToken);
                break;
            default:
                // A pause and a drop end inside the fault; a switchover brings the old writer back itself.
                break;
        }
    }

    private async Task<HashSet<string>> WaitUntilWritingAsync(CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var writes = _kinds.ToDictionary(k => k, k => ledger.FirstAcknowledgedAsync(k, now, excludedInstance: null));
        await WhenAllOrTimeoutAsync(writes.Values, RecoveryWait, cancellationToken);
        var notReady = writes.Where(w => !w.Value.IsCompletedSuccessfully).Select(w => w.Key).ToHashSet();
        if (notReady.Count > 0)
        {
            log($"not writing before the fault (its downtime is not counted): {string.Join(", ", notReady)}");
        }

        return notReady;
    }

    private static string DescribeErrors(IEnumerable<ChaosWorker> ofKind)
    {
        var total = new Dictionary<string, int>();
        foreach (var worker in ofKind)
        {
            foreach (var (error, count) in worker.TakeErrors())
            {
                total[error] = total.GetValueOrDefault(error) + count;
            }
        }

        return total.Count == 0 ? "no error" : string.Join(", ", total.OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} x{e.Value}")));
    }

    private static async Task WhenAllOrTimeoutAsync(IEnumerable<Task> tasks, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The tasks still running are read as "over the cap" by the caller.
        }
    }
}
