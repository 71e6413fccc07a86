using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>A registry over simulated hosts on a virtual clock; counts the probers (monitoring connections) it creates.</summary>
internal sealed class RegistryHarness : IDisposable
{
    public RegistryHarness(Func<HostSpec, SimulatedAnswer> answers)
    {
        Registry = new HostMonitorRegistry(
            (host, _) =>
            {
                var prober = new SimulatedHostProber(Clock.Scheduler, answers(host));
                Probers.Add(prober);
                return prober;
            },
            Clock.Scheduler);
    }

    public VirtualClock Clock { get; } = new();

    public HostMonitorRegistry Registry { get; }

    public List<SimulatedHostProber> Probers { get; } = [];

    public List<HostDeclaredDead> Verdicts { get; } = [];

    public void CommandBetween(HostSpec host, FailureDetectionSettings settings, double startSeconds, double endSeconds)
    {
        IDisposable? command = null;
        Clock.Run(startSeconds, () => command = Registry.WatchCommand(host, settings).Subscribe(Verdicts.Add));
        Clock.Run(endSeconds, () => command!.Dispose());
    }

    public void Dispose() => Registry.Dispose();
}
