using System.Data.Common;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Monitoring;

/// <summary>Creates the ADO.NET probers.</summary>
internal static class HostProbers
{
    /// <summary>Creates a prober that uses <paramref name="method"/> over <paramref name="openConnection"/>.</summary>
    /// <param name="method">How to probe.</param>
    /// <param name="openConnection">Opens a monitoring connection to a host.</param>
    /// <returns>A new prober, for one monitor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="openConnection"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined <see cref="ProbeMethod"/>.</exception>
    public static IHostProber Create(ProbeMethod method, Func<HostSpec, CancellationToken, Task<DbConnection>> openConnection, HandOff? handOff = null) => method switch
    {
        ProbeMethod.SelectOne => new SelectOneProber(openConnection) { HandOff = handOff ?? HandOff.ThreadPool },
        ProbeMethod.Connect => new ConnectProber(openConnection) { HandOff = handOff ?? HandOff.ThreadPool },
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Probe method '{method}' is not one of: SelectOne, Connect."),
    };
}
