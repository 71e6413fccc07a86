using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Tests.Client;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Failover;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Diagnostics;

public sealed partial class AuroraTelemetryTests
{
    /// <summary>A client unit of work whose writer dies at <see cref="FaultAt"/>; a new writer answers <see cref="Pause"/> later.</summary>
    private sealed class ClientFailover : IAsyncDisposable
    {
        private ClientFailover(TestScheduler scheduler, TelemetryCapture capture, ClientHarness harness)
        {
            Capture = capture;
            Harness = harness;
            FaultAt = scheduler.Now;
        }

        public TelemetryCapture Capture { get; }

        public ClientHarness Harness { get; }

        public DateTimeOffset FaultAt { get; }

        /// <summary>From the fault to the new writer found, as the virtual clock ran it.</summary>
        public TimeSpan Pause { get; private set; }

        public static async Task<ClientFailover> RunAsync(string connectionString = "n1:5432")
        {
            var scheduler = new TestScheduler();
            var capture = new TelemetryCapture(scheduler, Unique("client"));
            var harness = new ClientHarness(clusterKey: capture.Cluster, loggerFactory: capture.LoggerFactory, scheduler: scheduler, connectionString: connectionString);
            capture.Watch(harness.Client.Events);
            scheduler.AdvanceBy(Start);
            var run = new ClientFailover(scheduler, capture, harness);
            harness.Handler.Target = null;
            harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            var call = harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));
            harness.Advance(TimeSpan.FromMilliseconds(250));
            harness.Handler.Target = FakeCluster.Node2;
            for (var step = 0; step < 100 && !call.IsCompleted; step++)
            {
                harness.Advance(TimeSpan.FromMilliseconds(50));
            }

            Assert.True(call.IsCompleted, "the unit of work completed on n2 within 5 s of virtual time");
            Assert.Equal("n2", await call);
            run.Pause = capture.Event(AuroraClientEventKind.WriterFound).Time - run.FaultAt;
            Assert.True(run.Pause >= TimeSpan.FromMilliseconds(250), $"the new writer was found {run.Pause} after the fault");
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            Capture.Dispose();
        }
    }

    /// <summary>
    /// A data source built by its builder (a password in the connection string, failure monitoring on simulated probes)
    /// whose writer freezes during a command: the verdict releases the command, which fails over to n2.
    /// </summary>
    private sealed class FrozenCommand : IAsyncDisposable
    {
        public static readonly FailureDetectionSettings Detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 2, 10_000);

        /// <summary>
        /// From the freeze to the verdict on a <see cref="TestScheduler"/>: <see cref="FailureDetectionSettings.DeadAfterFrozen"/>
        /// and one tick, because the probe grid is anchored where its first probe runs (HostMonitor.HoldProbing) and
        /// TestScheduler runs work due "now" one tick later.
        /// </summary>
        public static readonly TimeSpan VerdictAfterFrozen = Detection.DeadAfterFrozen + TimeSpan.FromTicks(1);

        private FrozenCommand(TelemetryCapture capture, AuroraDataSource dataSource, HostSpec node, DateTimeOffset frozenAt)
        {
            Capture = capture;
            DataSource = dataSource;
            Node = node;
            FrozenAt = frozenAt;
        }

        public TelemetryCapture Capture { get; }

        public AuroraDataSource DataSource { get; }

        public HostSpec Node { get; }

        public DateTimeOffset FrozenAt { get; }

        public static async Task<FrozenCommand> RunAsync(string password)
        {
            var host = $"frozen-{Guid.NewGuid():N}"[..20];
            var connectionString = $"Host={host};Port=5432;Username=app;Password={password};cluster_instance_host_pattern=?.telemetry.test";
            var scheduler = new TestScheduler();
            scheduler.AdvanceTo(MonitoredCluster.Origin.UtcTicks);
            var capture = new TelemetryCapture(scheduler, AuroraConnectionString.Parse(connectionString, 5432).ClusterKey.ToString());
            var driver = new FakeDriver();
            var dataSource = new AuroraDataSourceBuilder(connectionString, driver)
                .UseScheduler(scheduler)
                .UseLoggerFactory(capture.LoggerFactory)
                .UseFailoverHandler(new FakeFailoverHandler(FakeCluster.Node2))
                .ConfigureSettings(settings => new AuroraConnectionSettings
                {
                    FailoverHandler = settings.FailoverHandler,
                    LoggerFactory = settings.LoggerFactory,
                    InitialHostRole = HostRole.Writer,
                    HostMonitoring = new HostMonitoringSettings
                    {
                        Detection = Detection,
                        Scheduler = scheduler,
                        ProberFactory = (_, _) => new SimulatedHostProber(scheduler, SimulatedAnswer.Never),
                    },
                })
                .Build();
            capture.Watch(dataSource.Telemetry.Events);
            scheduler.AdvanceBy(Start);
            var node = driver.Factory!.InitialHost;
            await using var connection = await dataSource.OpenConnectionAsync();
            driver.Factory.Freeze(node);
            await using var command = new AuroraCommand("SELECT pg_sleep(60)", connection);
            var frozenAt = scheduler.Now;

            var running = command.ExecuteNonQueryAsync();
            scheduler.AdvanceBy(VerdictAfterFrozen);

            // The verdict released the command on the thread pool (a cancellation's callbacks); its failover to n2 needs no timer.
            await Assert.ThrowsAsync<FailoverSuccessException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
            return new FrozenCommand(capture, dataSource, node, frozenAt);
        }

        public async ValueTask DisposeAsync()
        {
            await DataSource.DisposeAsync();
            Capture.Dispose();
        }
    }
}

/// <summary>The telemetry tests listen process-wide, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
