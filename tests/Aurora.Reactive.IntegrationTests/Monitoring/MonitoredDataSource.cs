using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.IntegrationTests.Connections;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// An <see cref="AuroraDataSource"/> on a real node with enhanced failure monitoring configured through the
/// connection string, as an application would; optionally with the test failover handler.
/// </summary>
internal static class MonitoredDataSource
{
    /// <summary>The collection of the timing tests: they run one at a time, so that their measured times are not another test's load.</summary>
    public const string TimingCollection = "Monitoring timing (one at a time)";

    /// <summary>Short settings, to keep runs short: a frozen node is dead 4 s after the command started.</summary>
    public const string ShortDetection = "failure_detection_time_ms=2000;failure_detection_interval_ms=1000;failure_detection_count=2";

    /// <summary>A safety net for awaits: far beyond any bound, so a hang fails the test instead of blocking the run.</summary>
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(40);

    public static AuroraConnectionString Parse(LocalPostgresNode node, string detection) =>
        AuroraConnectionString.Parse($"{node.ConnectionString};plugins=host_monitoring;{detection}");

    public static AuroraDataSource Create(LocalPostgresNode node, string detection, IFailoverHandler? handler = null)
    {
        var parsed = AuroraConnectionSettings.From(Parse(node, detection), null);
        var settings = new AuroraConnectionSettings { HostMonitoring = parsed.HostMonitoring, FailoverHandler = handler };
        return AuroraDataSource.Create(Parse(node, detection).DriverConnectionString, NpgsqlDriver.Instance, settings);
    }

    /// <summary>Monitoring connections the server sees now, counted by their application name over the node's real port.</summary>
    public static async Task<long> CountMonitoringConnectionsAsync(LocalPostgresNode node)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", HostMonitoringSettings.DefaultApplicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Awaits <paramref name="running"/> and returns its error and the time from <paramref name="fault"/> to the release.</summary>
    public static async Task<(Exception? Error, TimeSpan SinceFault)> ReleaseAsync(Task running, Stopwatch fault)
    {
        try
        {
            await running.WaitAsync(Safety);
            return (null, fault.Elapsed);
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            throw new TimeoutException($"The command was not released within {Safety.TotalSeconds} s of the fault.");
        }
        catch (Exception error)
        {
            return (error, fault.Elapsed);
        }
    }
}
