using Aurora.Reactive.Drivers;
using Aurora.Reactive.MySql;
using MySqlConnector;

namespace Aurora.Reactive.MySqlConnector;

/// <summary>
/// Classifies MySqlConnector's errors for failover by their typed <see cref="MySqlException.ErrorCode"/> and
/// <see cref="MySqlException.SqlState"/>, with the numbers every MySQL provider shares (<see cref="MySqlErrorCodes"/>):
/// 1042, 2001-2006, 2012, 2013, 2026, 2055 and SQLSTATE 08xxx mean the node is unavailable; 1290 and 1836 that it is
/// read-only. A <see cref="MySqlException"/> without such a code is judged by its inner exception (a broken socket);
/// anything else (I/O, socket and timeout errors, aggregates) as <see cref="MySqlErrorClassifier"/> judges it. A
/// caller's cancellation is never a failover.
/// </summary>
public sealed class MySqlConnectorErrorClassifier : IDriverErrorClassifier
{
    private const int MaxDepth = 8;

    private MySqlConnectorErrorClassifier()
    {
    }

    /// <summary>The shared instance; the classifier holds no state.</summary>
    public static MySqlConnectorErrorClassifier Instance { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public DriverErrorKind Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var depth = 0; depth <= MaxDepth && error is MySqlException mysql; depth++)
        {
            var kind = MySqlErrorCodes.Classify((int)mysql.ErrorCode, mysql.SqlState);
            if (kind != DriverErrorKind.NotFailover || mysql.InnerException is null)
            {
                return kind;
            }

            error = mysql.InnerException;
        }

        return error is MySqlException ? DriverErrorKind.NotFailover : MySqlErrorClassifier.Instance.Classify(error);
    }
}
