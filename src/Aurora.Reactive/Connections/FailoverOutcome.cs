using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>The result of a failover: an open physical connection on a new node, or a failure.</summary>
internal sealed class FailoverOutcome
{
    private FailoverOutcome(DbConnection? connection, HostSpec? host, Exception? failureReason, string? failureMessage)
    {
        Connection = connection;
        Host = host;
        FailureReason = failureReason;
        FailureMessage = failureMessage;
    }

    /// <summary>Whether a node took over.</summary>
    public bool Succeeded => Connection is not null;

    /// <summary>The open physical connection to the new node; <see langword="null"/> on failure.</summary>
    public DbConnection? Connection { get; }

    /// <summary>The new node, with its verified role; <see langword="null"/> on failure.</summary>
    public HostSpec? Host { get; }

    /// <summary>On failure, the last error met while looking for a node, when there was one.</summary>
    public Exception? FailureReason { get; }

    /// <summary>On failure, why no node took over, in a few words (no credentials).</summary>
    public string? FailureMessage { get; }

    /// <summary>A successful failover.</summary>
    /// <param name="connection">The open physical connection to the new node; the logical connection takes ownership.</param>
    /// <param name="host">The new node, with its verified role.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static FailoverOutcome Success(DbConnection connection, HostSpec host) =>
        new(connection ?? throw new ArgumentNullException(nameof(connection)), host ?? throw new ArgumentNullException(nameof(host)), null, null);

    /// <summary>A failed failover.</summary>
    /// <param name="message">Why no node took over, such as "no writer within 300 s".</param>
    /// <param name="reason">The last error met, when there was one.</param>
    /// <returns>The outcome.</returns>
    public static FailoverOutcome Failure(string? message = null, Exception? reason = null) => new(null, null, reason, message);
}
