using System.Data.Common;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>
/// The library's failure detection on its own (HostMonitorRegistry with real probes over real monitoring
/// connections), watching the long query: "released" is the verdict. Used while main does not yet wire
/// EFM aborts into commands; it measures detection, not the abort path.
/// </summary>
public sealed class MonitorVerdictCandidate(string label, FailureDetectionSettings settings, HostSpec host, string connectionString) : ILongQueryCandidate
{
    private readonly HostMonitorRegistry _registry = new((_, _) => HostProbers.Create(ProbeMethod.SelectOne, (_, ct) => OpenAsync(connectionString, ct)), Scheduler.Default);
    private readonly NpgsqlLongQuery _query = new(label, string.Empty, connectionString);

    public string Label { get; } = label;

    public string Description => $"HostMonitorRegistry verdict (SELECT 1 probes, shared monitor) watching a plain Npgsql query, Command Timeout=0; {settings}";

    public TimeSpan? Bound => settings.DeadAfterFrozen;

    public Task PrepareAsync(CancellationToken cancellationToken) => _query.PrepareAsync(cancellationToken);

    public async Task<string> RunAsync()
    {
        var query = _query.RunAsync();
        var verdict = _registry.WatchCommand(host, settings).FirstAsync().ToTask();
        await Task.WhenAny(query, verdict);
        return verdict.IsCompletedSuccessfully
            ? $"declared dead ({verdict.Result.FailedProbes} failed probes)"
            : await query;
    }

    public async ValueTask DisposeAsync()
    {
        _registry.Dispose();
        await _query.DisposeAsync();
    }

    private static async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "bench-efm-monitor" }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
