using Aurora.Reactive.Connections;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>
/// A <see cref="FakeCluster"/> whose commands are watched by enhanced failure monitoring on a virtual clock,
/// with simulated probers (one per monitor, counted) answering as <see cref="Answer"/> says.
/// </summary>
internal sealed class MonitoredCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public MonitoredCluster(FailureDetectionSettings detection, bool withFailover, SimulatedAnswer answer)
    {
        Detection = detection;
        Answer = answer;
        Cluster = new FakeCluster(withFailover, settings => new AuroraConnectionSettings
        {
            FailoverHandler = settings.FailoverHandler,
            InitialHostRole = settings.InitialHostRole,
            HostMonitoring = new HostMonitoringSettings
            {
                Detection = detection,
                Scheduler = Clock,
                ProberFactory = (_, _) =>
                {
                    var prober = new SimulatedHostProber(Clock, Answer);
                    lock (Probers)
                    {
                        Probers.Add(prober);
                    }

                    return prober;
                },
            },
        });
    }

    public FailureDetectionSettings Detection { get; }

    public SimulatedAnswer Answer { get; set; }

    public CountingScheduler Clock { get; } = new(Origin);

    public FakeCluster Cluster { get; }

    public AuroraDataSource DataSource => Cluster.DataSource;

    public List<SimulatedHostProber> Probers { get; } = [];

    public HostMonitorRegistry Registry => DataSource.Monitors!;

    public static DateTimeOffset At(double seconds) => Origin + TimeSpan.FromSeconds(seconds);

    public void AdvanceTo(double seconds) => Clock.AdvanceTo(At(seconds));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
