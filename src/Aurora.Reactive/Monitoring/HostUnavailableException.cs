using System.Data.Common;
using System.Globalization;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Thrown to the caller of a command when enhanced failure monitoring declared the command's host dead and
/// no failover is loaded: the command was abandoned (the driver connection is closed in the background) and
/// the logical connection is broken (<see cref="System.Data.ConnectionState.Broken"/>); close it and open it
/// again. With the failover plugin loaded the caller gets the failover outcome instead, with this exception
/// as its inner exception.
/// </summary>
public sealed class HostUnavailableException : DbException
{
    /// <summary>The SQLSTATE this exception reports: <c>08006</c>, connection failure.</summary>
    public const string ConnectionFailureSqlState = "08006";

    /// <summary>Creates the exception for a verdict.</summary>
    /// <param name="verdict">The monitor's verdict for the command.</param>
    /// <param name="settings">The detection settings the verdict was reached with.</param>
    /// <param name="lastProbeError">Why the last probe failed, when known; becomes the inner exception.</param>
    /// <exception cref="ArgumentNullException"><paramref name="verdict"/> or <paramref name="settings"/> is <see langword="null"/>.</exception>
    internal HostUnavailableException(HostDeclaredDead verdict, FailureDetectionSettings settings, Exception? lastProbeError = null)
        : base(Describe(verdict, settings), lastProbeError)
    {
        Verdict = verdict;
        Settings = settings;
    }

    /// <summary>The host that was declared dead.</summary>
    public HostSpec Host => Verdict.Host;

    /// <summary>The monitor's verdict: when the command started, when its window opened, when the host was declared dead.</summary>
    internal HostDeclaredDead Verdict { get; }

    /// <summary>The detection settings the verdict was reached with.</summary>
    internal FailureDetectionSettings Settings { get; }

    /// <inheritdoc/>
    public override string SqlState => ConnectionFailureSqlState;

    /// <summary>Always <see langword="false"/>: the node is gone; a retry on this connection cannot work.</summary>
    public override bool IsTransient => false;

    private static string Describe(HostDeclaredDead verdict, FailureDetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(settings);
        var how = verdict.FromSharedHealth
            ? "its shared health was already unhealthy when the command's detection window opened"
            : string.Create(CultureInfo.InvariantCulture, $"{verdict.FailedProbes} consecutive probes failed");
        var elapsed = verdict.SinceCommandStart.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        return $"Host {verdict.Host.Endpoint} was declared dead by enhanced failure monitoring {elapsed} ms after the command started ({how}; {settings}). "
            + "The command was abandoned and the connection is broken: close it and open it again.";
    }
}
