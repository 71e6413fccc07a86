using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Client;

/// <content>The public ways to run work.</content>
public sealed partial class AuroraClient
{
    /// <summary>
    /// Runs <paramref name="unit"/> on the writer; when a failover interrupts it, waits for the new writer
    /// and runs it again (at least once: make its writes idempotent, or use
    /// <see cref="ExecuteInTransactionAsync{T}(Func{DbConnection, DbTransaction, CancellationToken, Task{T}}, CancellationToken)"/>).
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="unit">The work, given an open connection and the call's token. Do not keep the connection.</param>
    /// <param name="cancellationToken">Cancels the call, including the waits for a new node.</param>
    /// <returns>The unit's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the unit within the failover timeout or the re-run budget.</exception>
    /// <exception cref="DbException">Any error that is not a failover (a constraint violation, a syntax error), as the driver raised it.</exception>
    public Task<T> ExecuteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> unit, CancellationToken cancellationToken = default) =>
        ExecuteAsync(unit, ExecuteTarget.Writer, cancellationToken);

    /// <summary>Runs <paramref name="unit"/> on the writer or on a reader, running it again after a failover (see <see cref="ExecuteAsync{T}(Func{DbConnection, CancellationToken, Task{T}}, CancellationToken)"/>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="unit">The work, given an open connection and the call's token. Do not keep the connection.</param>
    /// <param name="target">Where the unit runs.</param>
    /// <param name="cancellationToken">Cancels the call, including the waits for a new node.</param>
    /// <returns>The unit's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not defined.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the unit within the failover timeout or the re-run budget.</exception>
    /// <exception cref="DbException">Any error that is not a failover, as the driver raised it.</exception>
    public Task<T> ExecuteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> unit, ExecuteTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!Enum.IsDefined(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"target is {target}; it must be {ExecuteTarget.Writer} or {ExecuteTarget.Reader}.");
        }

        return target == ExecuteTarget.Writer
            ? RunAsync(target, (state, ct) => OnWriterAsync(state, unit, ct), cancellationToken)
            : RunAsync(target, (state, ct) => OnReaderAsync(state, unit, ct), cancellationToken);
    }

    /// <summary>Runs <paramref name="unit"/> on the writer, running it again after a failover (see <see cref="ExecuteAsync{T}(Func{DbConnection, CancellationToken, Task{T}}, CancellationToken)"/>).</summary>
    /// <param name="unit">The work.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the unit has completed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the unit within the failover timeout or the re-run budget.</exception>
    public Task ExecuteAsync(Func<DbConnection, CancellationToken, Task> unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return ExecuteAsync<bool>(
            async (connection, ct) =>
            {
                await unit(connection, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="unit"/> inside a transaction the client opens on the writer and commits; the
    /// unit's work is applied at most once (see the class remarks for the exact guarantee). Run the unit's
    /// commands in the given transaction and do not commit or roll it back yourself.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="unit">The work, given the open connection, its transaction and the call's token.</param>
    /// <param name="cancellationToken">Cancels the call. Cancelling while the COMMIT is in flight leaves its outcome unknown.</param>
    /// <returns>The unit's result, once its transaction committed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.TransactionResolutionUnknownException">The node failed while the COMMIT was in flight and the new writer cannot tell whether it committed.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the unit within the failover timeout or the re-run budget.</exception>
    /// <exception cref="DbException">Any error that is not a failover, as the driver raised it.</exception>
    public Task<T> ExecuteInTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, CancellationToken cancellationToken = default) =>
        ExecuteInTransactionAsync(unit, IsolationLevel.Unspecified, cancellationToken);

    /// <summary>Runs <paramref name="unit"/> inside a transaction of the given isolation level (see <see cref="ExecuteInTransactionAsync{T}(Func{DbConnection, DbTransaction, CancellationToken, Task{T}}, CancellationToken)"/>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="unit">The work, given the open connection, its transaction and the call's token.</param>
    /// <param name="isolationLevel">The transaction's isolation level.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The unit's result, once its transaction committed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.TransactionResolutionUnknownException">The node failed while the COMMIT was in flight and the new writer cannot tell whether it committed.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the unit within the failover timeout or the re-run budget.</exception>
    /// <exception cref="DbException">Any error that is not a failover, as the driver raised it.</exception>
    public Task<T> ExecuteInTransactionAsync<T>(
        Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, IsolationLevel isolationLevel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return RunAsync(ExecuteTarget.Writer, (state, ct) => InTransactionAsync(state, unit, isolationLevel, ct), cancellationToken);
    }

    /// <summary>Runs one statement on the writer in a transaction of its own (applied at most once, as <see cref="ExecuteInTransactionAsync{T}(Func{DbConnection, DbTransaction, CancellationToken, Task{T}}, CancellationToken)"/>).</summary>
    /// <param name="sql">The statement, with <c>@name</c> parameters.</param>
    /// <param name="parameters">The parameters by name, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of rows affected.</returns>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is <see langword="null"/> or blank.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.TransactionResolutionUnknownException">The node failed while the COMMIT was in flight and the new writer cannot tell whether it committed.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the statement within the failover timeout or the re-run budget.</exception>
    /// <exception cref="DbException">Any error that is not a failover, as the driver raised it.</exception>
    public Task<int> ExecuteNonQueryAsync(string sql, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return ExecuteInTransactionAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = Statement(connection, transaction, sql, parameters);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs one query and returns the first column of its first row. On the writer it runs in a transaction
    /// of its own (so an <c>INSERT ... RETURNING</c> is applied at most once); on a reader without one.
    /// </summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="sql">The query, with <c>@name</c> parameters.</param>
    /// <param name="parameters">The parameters by name, or <see langword="null"/>.</param>
    /// <param name="target">Where the query runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or <see langword="default"/> when there is no row or the value is NULL.</returns>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is <see langword="null"/> or blank.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed, or was disposed during the call.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Failover.FailoverFailedException">No node completed the query within the failover timeout or the re-run budget.</exception>
    /// <exception cref="DbException">Any error that is not a failover, as the driver raised it.</exception>
    public Task<T?> ExecuteScalarAsync<T>(
        string sql, IReadOnlyDictionary<string, object?>? parameters = null, ExecuteTarget target = ExecuteTarget.Writer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (target == ExecuteTarget.Writer)
        {
            return ExecuteInTransactionAsync(
                async (connection, transaction, ct) =>
                {
                    await using var command = Statement(connection, transaction, sql, parameters);
                    return Convert<T>(await command.ExecuteScalarAsync(ct).ConfigureAwait(false));
                },
                cancellationToken);
        }

        return ExecuteAsync(
            async (connection, ct) =>
            {
                await using var command = Statement(connection, null, sql, parameters);
                return Convert<T>(await command.ExecuteScalarAsync(ct).ConfigureAwait(false));
            },
            target,
            cancellationToken);
    }

    private static DbCommand Statement(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static T? Convert<T>(object? value) => value is null or DBNull ? default : (T)value;
}
