using Aurora.Reactive.Client;

namespace FailoverDemo;

/// <summary>
/// The demo on a real cluster given by a connection string: no fault is injected; the workload runs for the
/// given duration, every failover the client goes through is reported with its downtime, and every
/// acknowledged write is checked on the writer at the end.
/// </summary>
internal static class ClusterRun
{
    public static async Task<DemoSummary> RunAsync(DemoArguments arguments, Timeline timeline, LiveView view)
    {
        await using var client = DemoClient.Create(arguments.ConnectionString!, timeline);
        var failovers = new List<FaultRecord>();
        TimeSpan? started = null;
        string? victim = null;
        TimeSpan? writerFoundAt = null;
        client.Events.Subscribe(e =>
        {
            if (e.Kind == AuroraClientEventKind.FailoverStarted)
            {
                started = timeline.Clock.Elapsed;
                victim = e.Host?.InstanceId ?? e.Host?.Endpoint;
                writerFoundAt = null;
            }
            else if (e.Kind == AuroraClientEventKind.WriterFound)
            {
                writerFoundAt ??= timeline.Clock.Elapsed;
            }
            else if (e.Kind == AuroraClientEventKind.FailoverFinished && started is { } at)
            {
                lock (failovers)
                {
                    failovers.Add(new FaultRecord($"failover-{failovers.Count + 1}", victim ?? "?", at, e.Host?.InstanceId ?? e.Host?.Endpoint, e.Duration ?? TimeSpan.Zero, at, writerFoundAt));
                }

                started = null;
            }
        });
        await client.ExecuteNonQueryAsync(Workload.CreateTableSql);
        var workload = new Workload(client, timeline);
        view.Watch(client, workload);
        view.Phase = $"steady writes for {arguments.Duration.TotalSeconds:0} s (trigger a failover on the cluster to see it)";
        workload.Start(arguments.Writers);
        timeline.Add($"workload started: {arguments.Writers} writers against the given cluster");
        await Task.Delay(arguments.Duration);
        view.Phase = "stopping the workload";
        await workload.StopAsync(TimeSpan.FromSeconds(60));
        timeline.Add($"workload stopped: {workload.AcknowledgedCount} writes acknowledged");
        var present = await client.ExecuteAsync((connection, _) => Verification.ReadIdsAsync(connection, workload.RunId));
        var (lost, unacknowledged) = Verification.Compare(workload.Acknowledged, present);
        var writer = client.CurrentTopology?.Writer?.InstanceId ?? client.DataSource.ConnectionString;
        timeline.Add($"verified on the writer: {present.Count} rows, {lost} acknowledged writes missing");
        view.Phase = "done";
        return new DemoSummary(
            "observe", "real cluster", failovers, workload.AcknowledgedCount, lost, unacknowledged, workload.Errors, writer, timeline.Clock.Elapsed, [.. workload.Acknowledged.Select(a => a.At)]);
    }
}
