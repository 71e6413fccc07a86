using System.Data.Common;
using System.Net.Sockets;
using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.MySql;

/// <summary>
/// Classifies the errors of any ADO.NET MySQL provider for failover (MySqlConnector, MySql.Data), using
/// only <see cref="DbException"/> and the provider's public <c>Number</c> and <c>SqlState</c>, read by
/// reflection: server and client errors are judged by <see cref="MySqlErrorCodes"/>; an I/O, socket or
/// timeout error anywhere among the inner exceptions means the node is unavailable, since providers wrap
/// a broken stream in their own exception with no number. A caller's cancellation is never a failover.
/// </summary>
public sealed class MySqlErrorClassifier : IDriverErrorClassifier
{
    private const int MaxDepth = 8;

    /// <summary>The shared instance; the classifier holds no state.</summary>
    public static MySqlErrorClassifier Instance { get; } = new();

    /// <inheritdoc/>
    public DriverErrorKind Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Classify(error, depth: 0);
    }

    private static DriverErrorKind Classify(Exception error, int depth)
    {
        if (depth > MaxDepth)
        {
            return DriverErrorKind.NotFailover;
        }

        switch (error)
        {
            case OperationCanceledException:
                return DriverErrorKind.NotFailover;
            case IOException or SocketException or TimeoutException:
                return DriverErrorKind.NodeUnavailable;
            case AggregateException aggregate:
                return Strongest(aggregate.InnerExceptions.Select(inner => Classify(inner, depth + 1)));
            case DbException database:
                var own = MySqlErrorCodes.Classify(ProviderErrorFields.Number(database), ProviderErrorFields.SqlState(database));
                return own != DriverErrorKind.NotFailover || database.InnerException is null
                    ? own
                    : Classify(database.InnerException, depth + 1);
            default:
                return DriverErrorKind.NotFailover;
        }
    }

    private static DriverErrorKind Strongest(IEnumerable<DriverErrorKind> kinds)
    {
        var result = DriverErrorKind.NotFailover;
        foreach (var kind in kinds)
        {
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
}
