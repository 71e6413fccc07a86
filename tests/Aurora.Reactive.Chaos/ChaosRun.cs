using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Chaos;

/// <summary>
/// A whole chaos run: starts a local cluster (writer + 2 readers, synchronous replication to any one reader so
/// that, as on Aurora's storage, a failover to the most advanced reader keeps every acknowledged commit), writes
/// through one <see cref="AuroraClient"/> and one <see cref="AuroraDataSource"/> with the plan's workers each,
/// injects the plan's faults, stops, disposes both, counts the sessions left, and checks every write against the
/// final writer's table.
/// </summary>
public static class ChaosRun
{
    public const string ApplicationName = "aurora-chaos";

    public static async Task<ChaosResult> RunAsync(ChaosPlan plan, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true }, cancellationToken);
        log($"cluster started in {clock.Elapsed.TotalSeconds:0.0} s: {cluster}");
        await ExecuteAsync(cluster.Writer, ChaosSql.CreateTable, cancellationToken);
        var connectionString = $"{cluster.WriterConnectionString};Application Name={ApplicationName};cluster_instance_endpoints={cluster.InstanceEndpoints}";
        var client = AuroraClient.Create(connectionString, NpgsqlDriver.Instance);
        using var trace = plan.TraceClient ? Trace(client, log) : null;
        IChaosWriter[] writers =
        [
            new ClientChaosWriter(client),
            new DataSourceChaosWriter(AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance)),
        ];
        var ledger = new ChaosLedger();
        var workers = writers.SelectMany(w => Enumerable.Range(1, plan.WorkersPerKind).Select(i => new ChaosWorker(w, $"{w.Kind}-{i}", ledger, plan))).ToArray();
        var startedAt = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(stop.Token), CancellationToken.None)).ToArray();
        var faults = new List<ChaosFaultRecord>();
        double disposeSeconds;
        try
        {
            var injector = new ChaosInjector(cluster, ledger, workers, plan, startedAt, log);
            for (var i = 0; i < plan.Faults.Count; i++)
            {
                faults.Add(await injector.RunAsync(i + 1, plan.Faults[i], cancellationToken));
            }

            // A last stretch of steady writing, so that the final writer has taken writes of both kinds.
            await Task.Delay(plan.MinSteady, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await StopAsync(running, plan.CallCap + TimeSpan.FromSeconds(10), log);
            var disposing = Stopwatch.StartNew();
            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }

            disposeSeconds = disposing.Elapsed.TotalSeconds;
        }

        var sessions = new ChaosSessions(cluster, ApplicationName);
        var (left, goneAfter) = await sessions.WaitUntilGoneAsync(plan.SessionDeadline, TimeSpan.FromMilliseconds(25), cancellationToken);
        var leftDescription = left == 0 ? "none" : await sessions.DescribeAsync(cancellationToken);
        log($"disposed in {disposeSeconds:0.000} s; sessions left {plan.SessionDeadline.TotalSeconds} s later: {left}{(goneAfter is { } g ? $" (none after {g.TotalMilliseconds:0} ms)" : ": " + leftDescription)}");

        var rows = await CountRowsAsync(cluster.Writer, cancellationToken);
        var records = ledger.Snapshot();
        var tallies = writers.Select(w => Tally(w.Kind, records.Where(r => r.Kind == w.Kind), rows)).ToArray();
        var examples = Examples(records, rows);
        return new ChaosResult(plan, faults, tallies, cluster.Writer.InstanceId, disposeSeconds, left, goneAfter?.TotalSeconds, leftDescription, clock.Elapsed.TotalSeconds, examples);
    }

    // The client's topology snapshots (when the writer they name changes) and its events, for finding out why a fault took long.
    private static IDisposable Trace(AuroraClient client, Action<string> log)
    {
        string? writer = null;
        var topology = client.Topology.Subscribe(snapshot =>
        {
            var now = snapshot.Writer?.InstanceId ?? "unknown";
            if (Interlocked.Exchange(ref writer, now) != now)
            {
                log($"trace: client topology names writer {now} (read from {snapshot.ReadFrom?.Endpoint ?? "?"} at {snapshot.ReadAt:HH:mm:ss.fff})");
            }
        });
        var events = client.Events.Subscribe(e => log($"trace: client event {e}"));
        return new System.Reactive.Disposables.CompositeDisposable(topology, events);
    }

    private static ChaosKindTally Tally(string kind, IEnumerable<WriteRecord> records, IReadOnlyDictionary<long, long> rows)
    {
        long acknowledged = 0, lost = 0, doubled = 0, unknown = 0, unknownPresent = 0, failed = 0, failedPresent = 0, hung = 0;
        foreach (var record in records)
        {
            var count = rows.GetValueOrDefault(record.Id);
            if (count > 1)
            {
                doubled++;
            }

            if (record.Hung)
            {
                hung++;
            }

            switch (record.Outcome)
            {
                case WriteOutcome.Acknowledged:
                    acknowledged++;
                    lost += count == 0 ? 1 : 0;
                    break;
                case WriteOutcome.Unknown:
                    unknown++;
                    unknownPresent += count > 0 ? 1 : 0;
                    break;
                case WriteOutcome.Failed:
                    failed++;
                    failedPresent += count > 0 ? 1 : 0;
                    break;
                default:
                    break;
            }
        }

        return new ChaosKindTally(kind, acknowledged, lost, doubled, unknown, unknownPresent, failed, failedPresent, hung);
    }

    /// <summary>A few of the writes that count against the run (lost, doubled, hung, failed yet present), with their last error.</summary>
    private static string[] Examples(IReadOnlyList<WriteRecord> records, IReadOnlyDictionary<long, long> rows) =>
        records
            .Select(r => (Record: r, Count: rows.GetValueOrDefault(r.Id)))
            .Where(r => r.Count > 1 || r.Record.Hung || (r.Record.Outcome == WriteOutcome.Acknowledged && r.Count == 0) || (r.Record.Outcome == WriteOutcome.Failed && r.Count > 0))
            .Take(10)
            .Select(r => $"id {r.Record.Id} ({r.Record.Kind}, {r.Record.Outcome}{(r.Record.Hung ? ", hung" : string.Empty)}): {r.Count} row(s); {r.Record.Error ?? "no error"}")
            .ToArray();

    private static async Task StopAsync(Task[] running, TimeSpan bound, Action<string> log)
    {
        try
        {
            await Task.WhenAll(running).WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            log($"a worker did not stop within {bound.TotalSeconds} s; its call is counted as hung");
        }
    }

    private static async Task ExecuteAsync(LocalPostgresNode node, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ChaosSessions.Admin(node, "aurora-chaos-setup"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<long, long>> CountRowsAsync(LocalPostgresNode writer, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ChaosSessions.Admin(writer, "aurora-chaos-check"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ChaosSql.CountById, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<long, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return rows;
    }
}
