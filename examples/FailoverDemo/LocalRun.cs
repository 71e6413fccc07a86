using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace FailoverDemo;

/// <summary>
/// The demo on a local cluster: one writer and three readers with synchronous replication, a steady write
/// workload, then the faults of the scenario (crash the writer; freeze the next writer), then the check that
/// every acknowledged write is on the final writer.
/// </summary>
internal static class LocalRun
{
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ResumeTimeout = TimeSpan.FromSeconds(45);

    public static async Task<DemoSummary> RunAsync(DemoArguments arguments, Timeline timeline, LiveView view)
    {
        timeline.Add("starting a local cluster: 1 writer + 3 readers, synchronous replication (PostgreSQL is installed if missing)");
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 3, SynchronousReplication = true });
        timeline.Add($"cluster up in {cluster.StartupDuration.TotalMilliseconds:0} ms: writer {cluster.Writer.InstanceId}, readers {string.Join(", ", cluster.Readers.Select(r => r.InstanceId))}");
        var connectionString = string.Join(
            ';',
            cluster.WriterConnectionString,
            "Timeout=3;Command Timeout=15;Application Name=failover-demo",
            $"cluster_instance_endpoints={cluster.InstanceEndpoints}",
            "failover_timeout_sec=30;failure_detection_time_ms=1000;failure_detection_interval_ms=500;failure_detection_count=2",
            "topology_refresh_rate_ms=1000");
        await using var client = DemoClient.Create(connectionString, timeline);
        await client.ExecuteAsync((connection, ct) => Run(connection, Workload.CreateTableSql, ct));
        var workload = new Workload(client, timeline);
        view.Watch(client, workload);
        view.Phase = "steady writes";
        workload.Start(arguments.Writers);
        timeline.Add($"workload started: {arguments.Writers} writers, one transaction per row");
        await Task.Delay(Steady);

        var faults = new List<(string Name, string Victim, TimeSpan At, string NewWriter, TimeSpan PromotedAt)>();
        foreach (var fault in arguments.Faults)
        {
            var victim = cluster.Writer;
            view.Phase = $"{fault}: the writer {victim.InstanceId}";
            var at = timeline.Add($"FAULT: {fault} the writer {victim.InstanceId}");
            var newWriter = await cluster.FailoverAsync(fault == "crash" ? FailoverFault.Crash : FailoverFault.Freeze);
            var promotedAt = timeline.Add($"cluster: promoted {newWriter.InstanceId} in {cluster.LastPromotionDuration?.TotalMilliseconds:0} ms");
            view.Phase = $"{fault}: waiting for writes to resume";
            await WaitForProgressAsync(workload, at, arguments.Writers * 3);
            view.Phase = $"{fault}: steady writes on {newWriter.InstanceId}";
            await Task.Delay(Steady);
            faults.Add((fault, victim.InstanceId, at, newWriter.InstanceId, promotedAt));
        }

        view.Phase = "stopping the workload";
        await workload.StopAsync(TimeSpan.FromSeconds(30));
        var end = timeline.Add($"workload stopped: {workload.AcknowledgedCount} writes acknowledged");
        var finalWriter = cluster.Writer;
        await using var check = new NpgsqlConnection(finalWriter.ConnectionString);
        await check.OpenAsync();
        var present = await Verification.ReadIdsAsync(check, workload.RunId);
        var (lost, unacknowledged) = Verification.Compare(workload.Acknowledged, present);
        timeline.Add($"verified on {finalWriter.InstanceId}: {present.Count} rows, {lost} acknowledged writes missing");
        view.Phase = "done";
        var acknowledgedAt = workload.Acknowledged.Select(a => a.At).ToArray();
        var records = faults.Select((f, i) =>
        {
            var gap = DemoSummary.LongestGap(acknowledgedAt, f.At, i + 1 < faults.Count ? faults[i + 1].At : end);
            return new FaultRecord(f.Name, f.Victim, f.At, f.NewWriter, gap.Length, gap.From, f.PromotedAt);
        }).ToArray();
        return new DemoSummary(
            arguments.Scenario, "local cluster", records, workload.AcknowledgedCount, lost, unacknowledged, workload.Errors, finalWriter.InstanceId, timeline.Clock.Elapsed, acknowledgedAt);
    }

    private static async Task WaitForProgressAsync(Workload workload, TimeSpan since, int writes)
    {
        var deadline = DateTime.UtcNow + ResumeTimeout;
        while (workload.Acknowledged.Count(a => a.At > since) < writes && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private static async Task<int> Run(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
