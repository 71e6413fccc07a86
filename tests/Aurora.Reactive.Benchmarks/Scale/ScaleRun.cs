using System.Data.Common;
using System.Diagnostics;
using System.Runtime;
using Aurora.Reactive.Benchmarks.Measurement;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>
/// One variant at one level: opens the logical connections, keeps each one running the plan's command
/// back to back for the busy window while sampling the process and the server once a second, then
/// closes everything and counts what the server still sees.
/// </summary>
public sealed class ScaleRun(LocalPostgresCluster cluster, ScalePlan plan)
{
    public async Task<ScaleMeasurement> RunAsync(ScaleVariant variant, int count, CancellationToken cancellationToken)
    {
        var source = variant.CreateSource(count);
        var features = variant.ActiveFeatures(source);
        var connections = new DbConnection[count];
        try
        {
            var opening = Stopwatch.StartNew();
            await OpenAllAsync(source, connections, cancellationToken);
            var openSeconds = opening.Elapsed.TotalSeconds;
            await JitQuiet.WaitAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), cancellationToken);
            GC.Collect();
            var jitBefore = JitInfo.GetCompiledMethodCount();
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            using var stop = new CancellationTokenSource();
            long commands = 0;
            var workers = connections.Select(c => Task.Run(() => BusyAsync(c, () => Interlocked.Increment(ref commands), stop.Token), CancellationToken.None)).ToArray();
            var peaks = await SampleAsync(process, cancellationToken);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            await CloseAllAsync(connections, source);
            var disposedAt = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var after = await ServerConnections.CountAsync(cluster, cancellationToken);
            var measurement = new ScaleMeasurement(
                variant.Label, count, openSeconds, Interlocked.Read(ref commands), cpu, peaks.Threads, peaks.ManagedBytes, peaks.All, peaks.Monitoring, after.All, features, disposedAt);
            Progress.Write($"scale: {measurement}; methods compiled during the window: {JitInfo.GetCompiledMethodCount() - jitBefore}");
            return measurement;
        }
        catch
        {
            await CloseAllAsync(connections, source);
            throw;
        }
    }

    private async Task BusyAsync(DbConnection connection, Action completed, CancellationToken stop)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = plan.Command;
        while (!stop.IsCancellationRequested)
        {
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            completed();
        }
    }

    private async Task<(int Threads, double ManagedBytes, long All, long Monitoring)> SampleAsync(Process process, CancellationToken cancellationToken)
    {
        var (threads, managed, all, monitoring) = (0, 0.0, 0L, 0L);
        var window = Stopwatch.StartNew();
        while (window.Elapsed < plan.Busy)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, plan.Busy.TotalSeconds / 3)), cancellationToken);
            process.Refresh();
            threads = Math.Max(threads, process.Threads.Count);
            managed = Math.Max(managed, GC.GetTotalMemory(forceFullCollection: false));
            var seen = await ServerConnections.CountAsync(cluster, cancellationToken);
            all = Math.Max(all, seen.All);
            monitoring = Math.Max(monitoring, seen.Monitoring);
        }

        return (threads, managed, all, monitoring);
    }

    private static async Task OpenAllAsync(DbDataSource source, DbConnection[] connections, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, connections.Length).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                connections[i] = await source.OpenConnectionAsync(cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task CloseAllAsync(DbConnection?[] connections, DbDataSource source)
    {
        foreach (var connection in connections)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        await source.DisposeAsync();
    }
}
