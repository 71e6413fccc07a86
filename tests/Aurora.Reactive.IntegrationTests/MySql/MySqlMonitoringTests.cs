using System.Diagnostics;
using System.Reactive.Concurrency;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySql.Data.MySqlClient;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>
/// Failure monitoring over MySQL connections (MySql.Data) on a real MariaDB cluster: the shared monitor probes
/// with <c>SELECT 1</c>, declares a frozen writer dead, and the verdict moves the logical connection.
/// </summary>
[Collection(DestructiveMariaDbCollection.Name)]
public sealed class MySqlMonitoringTests(ITestOutputHelper output)
{
    private static readonly FailureDetectionSettings Aggressive = FailureDetectionSettings.FromMilliseconds(1000, 500, 2, disposalMs: 0);

    // The first probe opens the monitoring connection (MySql.Data asks the server several questions on open), which on a
    // loaded two-core CI machine can take longer than Aggressive's 500 ms probe timeout.
    private static readonly FailureDetectionSettings Patient = FailureDetectionSettings.FromMilliseconds(0, 2000, 2, disposalMs: 0);

    [Fact]
    public async Task FrozenWriterDuringSleep_MonitoringDeclaresItDead_AndTheCommandFailsOverToTheNewWriter()
    {
        await using var scenario = await MySqlClusterScenario.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 }, commandTimeoutSeconds: 60);
        using var monitors = new HostMonitorRegistry((_, _) => HostProbers.Create(ProbeMethod.SelectOne, MonitoringOpener(scenario.Cluster)), Scheduler.Default);
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var host = connection.CurrentHost!;
        var verdict = new TaskCompletionSource<HostDeclaredDead>(TaskCreationOptions.RunContinuationsAsynchronously);

        // MySql.Data 8.0's async methods run synchronously; the driver says so, and the command starts on the thread pool.
        var inFlight = MySqlClusterScenario.ScalarAsync(connection, "SELECT SLEEP(60)");
        Assert.False(inFlight.IsCompleted);
        using var watch = monitors.WatchCommand(host, Aggressive).Subscribe(dead =>
        {
            connection.ReportHostLost(host, new TimeoutException($"monitoring: {dead}"));
            verdict.TrySetResult(dead);
        });
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        scenario.Handler.Follow(scenario.Cluster.FailoverAsync(FailoverFault.Freeze));

        var dead = await verdict.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var declaredAfter = clock.Elapsed;
        // Released by the verdict, long before MySql.Data's own 60 s command timeout would end the read.
        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => inFlight.WaitAsync(TimeSpan.FromSeconds(30)));
        var releasedAfter = clock.Elapsed;
        var instance = await MySqlClusterScenario.InstanceIdAsync(connection);
        output.WriteLine($"writer frozen during SELECT SLEEP(60): declared dead {declaredAfter.TotalMilliseconds:0} ms after the freeze ({dead}); bound {Aggressive.DeadAfterFrozen.TotalMilliseconds:0} ms from the command's start");
        output.WriteLine($"caller released with FailoverSuccess {releasedAfter.TotalMilliseconds:0} ms after the freeze (MySql.Data's own command timeout: 60 s)");

        Assert.Equal(host.Port, dead.Host.Port);
        Assert.True(dead.FailedProbes >= Aggressive.Count || dead.FromSharedHealth);
        Assert.Equal(scenario.Cluster.Writer.InstanceId, instance);
        Assert.NotEqual(host.Port, error.NewHost!.Port);
    }

    [Fact]
    public async Task HealthyWriter_LongQuery_IsNeverDeclaredDead()
    {
        await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 0 });
        using var monitors = new HostMonitorRegistry((_, _) => HostProbers.Create(ProbeMethod.SelectOne, MonitoringOpener(cluster, timeoutSeconds: 2)), Scheduler.Default);
        var host = new HostSpec("127.0.0.1", cluster.Writer.Port, cluster.Writer.InstanceId, HostRole.Writer);
        var verdicts = new List<HostDeclaredDead>();
        var probes = new List<ProbeResult>();

        using (monitors.Probes.Subscribe(p => { lock (probes) { probes.Add(p); } }))
        using (monitors.WatchCommand(host, Patient).Subscribe(d => { lock (verdicts) { verdicts.Add(d); } }))
        {
            await MariaDb.ScalarAsync(cluster.Writer.ConnectionString, "SELECT SLEEP(5)");
        }

        output.WriteLine($"{probes.Count} probes during a 5 s query on a healthy writer: {string.Join(", ", probes.Select(p => $"{p.Outcome} in {p.Latency.TotalMilliseconds:0.#} ms"))}");
        Assert.Empty(verdicts);
        Assert.NotEmpty(probes);
        // A single slow probe on a loaded machine is allowed: the verdict needs Count consecutive failures, and there is none.
        Assert.Contains(probes, p => p.Outcome == ProbeOutcome.Answered);
    }

    /// <summary>Opens unpooled monitoring connections with short timeouts, on the thread pool: MySql.Data's OpenAsync blocks.</summary>
    private static Func<HostSpec, CancellationToken, Task<System.Data.Common.DbConnection>> MonitoringOpener(LocalMariaDbCluster cluster, uint timeoutSeconds = 1)
    {
        var settings = new MySqlConnectionStringBuilder(cluster.Writer.ConnectionString) { Pooling = false, ConnectionTimeout = timeoutSeconds, DefaultCommandTimeout = timeoutSeconds };
        IHostConnectionFactory factory = MySqlClusterScenario.Driver.CreateConnectionFactory(settings.ConnectionString);
        return (host, cancellationToken) => Task.Run(
            async () =>
            {
                var connection = factory.CreateConnection(host);
                await connection.OpenAsync(cancellationToken);
                return connection;
            },
            cancellationToken);
    }
}
