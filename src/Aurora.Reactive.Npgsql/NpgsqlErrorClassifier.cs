using System.Net.Sockets;
using Aurora.Reactive.Drivers;
using Npgsql;

namespace Aurora.Reactive.Npgsql;

/// <summary>
/// Classifies Npgsql errors for failover. Server errors are judged by their SQLSTATE
/// (<see cref="PostgresSqlStates"/>); client-side errors start a failover when they come from the
/// transport: an I/O, socket or timeout error, wherever it sits among the inner exceptions, including
/// the <see cref="AggregateException"/> a multi-host connection attempt wraps its failures in.
/// A caller's cancellation is never a failover.
/// </summary>
public sealed class NpgsqlErrorClassifier : IDriverErrorClassifier
{
    /// <summary>The shared instance; the classifier holds no state.</summary>
    public static NpgsqlErrorClassifier Instance { get; } = new();

    /// <inheritdoc/>
    public DriverErrorKind Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            OperationCanceledException => DriverErrorKind.NotFailover,
            PostgresException postgres => PostgresSqlStates.Classify(postgres.SqlState),
            AggregateException aggregate => ClassifyAny(aggregate.InnerExceptions),
            NpgsqlException { InnerException: NpgsqlException or AggregateException } npgsql => Classify(npgsql.InnerException!),
            NpgsqlException npgsql => IsTransport(npgsql.InnerException) ? DriverErrorKind.NodeUnavailable : DriverErrorKind.NotFailover,
            _ when IsTransport(error) => DriverErrorKind.NodeUnavailable,
            _ => DriverErrorKind.NotFailover,
        };
    }

    private DriverErrorKind ClassifyAny(IEnumerable<Exception> errors)
    {
        var result = DriverErrorKind.NotFailover;
        foreach (var inner in errors)
        {
            var kind = Classify(inner);
            if (kind == DriverErrorKind.NodeUnavailable)
            {
                return kind;
            }

            if (kind == DriverErrorKind.ReadOnlyNode)
            {
                result = kind;
            }
        }

        return result;
    }

    private static bool IsTransport(Exception? error) =>
        error is IOException or SocketException or TimeoutException or EndOfStreamException;
}
