using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <content>A batch of a data source (<see cref="DbDataSource.CreateBatch"/>): each run takes a connection of its own and gives it back.</content>
public sealed partial class AuroraBatch
{
    private readonly AuroraDataSource? _dataSource;

    internal AuroraBatch(AuroraDataSource dataSource) => _dataSource = dataSource;

    private T OnOwnConnection<T>(Func<AuroraBatch, T> run)
    {
        using var connection = _dataSource!.OpenConnection();
        _connection = connection;
        try
        {
            return run(this);
        }
        finally
        {
            _connection = null;
        }
    }

    private async Task<T> OnOwnConnectionAsync<T>(Func<AuroraBatch, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        var connection = await _dataSource!.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            _connection = connection;
            try
            {
                return await run(this, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _connection = null;
            }
        }
    }

    // The reader closes the connection it runs on.
    private AuroraDataReader ReaderOnOwnConnection(CommandBehavior behavior)
    {
        var connection = _dataSource!.OpenConnection();
        _connection = connection;
        try
        {
            return _reader = CommandExecution.ExecuteReader(
                this,
                connection,
                behavior | CommandBehavior.CloseConnection,
                static (batch, driverBehavior) => batch.ExecuteReader(driverBehavior),
                static (batch, driverBehavior, ct) => batch.ExecuteReaderAsync(driverBehavior, ct));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        finally
        {
            _connection = null;
        }
    }

    private async Task<AuroraDataReader> ReaderOnOwnConnectionAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var connection = await _dataSource!.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        _connection = connection;
        try
        {
            return _reader = await CommandExecution.ExecuteReaderAsync(
                this,
                connection,
                behavior | CommandBehavior.CloseConnection,
                static (batch, driverBehavior, ct) => batch.ExecuteReaderAsync(driverBehavior, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _connection = null;
        }
    }
}
