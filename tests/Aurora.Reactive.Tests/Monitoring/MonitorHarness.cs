using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>One monitor over one simulated host, on a virtual clock, with the verdicts it produced.</summary>
internal sealed class MonitorHarness : IDisposable
{
    public MonitorHarness(FailureDetectionSettings settings, SimulatedAnswer answer)
    {
        Prober = new SimulatedHostProber(Clock.Scheduler, answer);
        Monitor = new HostMonitor(Host, settings, Prober, Clock.Scheduler);
    }

    public static HostSpec Host { get; } = new("node-1.example", 5432, "node-1");

    public VirtualClock Clock { get; } = new();

    public SimulatedHostProber Prober { get; }

    public HostMonitor Monitor { get; }

    public List<HostDeclaredDead> Verdicts { get; } = [];

    /// <summary>Starts watching a command at <paramref name="startSeconds"/>; returns the subscription (the command's end).</summary>
    public IDisposable StartCommand(double startSeconds) =>
        Monitor.WatchCommand(VirtualClock.At(startSeconds)).Subscribe(Verdicts.Add);

    /// <summary>Starts a command at <paramref name="startSeconds"/> and ends it at <paramref name="endSeconds"/>.</summary>
    public void CommandBetween(double startSeconds, double endSeconds)
    {
        IDisposable? command = null;
        Clock.Run(startSeconds, () => command = StartCommand(startSeconds));
        Clock.Run(endSeconds, () => command!.Dispose());
    }

    public double[] ProbeStartSeconds() => [.. Prober.ProbeStarts.Select(VirtualClock.SecondsOf)];

    public void Dispose() => Monitor.Dispose();
}
