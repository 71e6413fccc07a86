using System.Data;
using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <content>One call: its attempts, and how their errors are judged.</content>
public sealed partial class AuroraClient
{
    private int _readerTurn;

    private async Task<T> RunAsync<T>(ExecuteTarget target, Func<CallState, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        EnterCall();
        var state = new CallState(target);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            try
            {
                var result = await _loop.RunAsync((_, ct) => attempt(state, ct), error => Classify(state, error), this, linked.Token).ConfigureAwait(false);
                OnUnitCompleted(state.Connection?.CurrentHost ?? state.LastReader);
                return result;
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(AuroraClient), "The client was disposed while the unit of work ran.");
            }
        }
        finally
        {
            await state.EndAsync().ConfigureAwait(false);
            ExitCall();
        }
    }

    private RerunVerdict Classify(CallState state, Exception error)
    {
        if (ReferenceEquals(error, state.FinalError) || _disposing.IsCancellationRequested)
        {
            return RerunVerdict.Fail;
        }

        switch (error)
        {
            case FailoverException { IsConnectionUsable: true }:
                return RerunVerdict.RerunNow;
            case FailoverFailedException:
                return RerunVerdict.RerunAfterPause;
        }

        var kind = Driver.ErrorClassifier.Classify(error);
        if (kind == DriverErrorKind.NodeUnavailable || (kind == DriverErrorKind.ReadOnlyNode && state.Target == ExecuteTarget.Writer))
        {
            if (state.LastReader is { } reader)
            {
                state.FailedReaders.Add(reader.Endpoint);
            }

            state.ConnectionLost = true;

            return RerunVerdict.RerunAfterPause;
        }

        return RerunVerdict.Fail;
    }

    private async Task<AuroraConnection> WriterConnectionAsync(CallState state, CancellationToken cancellationToken)
    {
        if (state.HasUsableConnection)
        {
            return state.Connection!;
        }

        // Open per unit of work, as applications do with a data source: where the topology says, on the driver's pool.
        await state.ReleaseConnectionAsync().ConfigureAwait(false);
        var connection = _dataSource.CreateConnection();
        state.Attach(connection, connection.StateChanges.Subscribe(PublishState));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task<T> OnWriterAsync<T>(CallState state, Func<DbConnection, CancellationToken, Task<T>> unit, CancellationToken cancellationToken)
    {
        var connection = await WriterConnectionAsync(state, cancellationToken).ConfigureAwait(false);
        return await unit(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> OnReaderAsync<T>(CallState state, Func<DbConnection, CancellationToken, Task<T>> unit, CancellationToken cancellationToken)
    {
        var reader = PickReader(state);
        state.LastReader = reader;
        if (reader is null)
        {
            return await OnWriterAsync(state, unit, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = _dataSource.Connections.CreateConnection(reader);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await unit(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A reader of the latest topology that has not failed during this call, in turn; <see langword="null"/> for none.</summary>
    private HostSpec? PickReader(CallState state)
    {
        var readers = CurrentTopology?.Readers.Where(r => !state.FailedReaders.Contains(r.Endpoint)).ToArray() ?? [];
        return readers.Length == 0 ? null : readers[(int)((uint)Interlocked.Increment(ref _readerTurn) % (uint)readers.Length)];
    }

    private async Task<T> InTransactionAsync<T>(
        CallState state, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> unit, IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        var connection = await WriterConnectionAsync(state, cancellationToken).ConfigureAwait(false);
        if (state.PendingCommit is not null && await ResolvePendingCommitAsync(state, connection, cancellationToken).ConfigureAwait(false))
        {
            return (T)state.PendingResult!;
        }

        await using var transaction = await connection.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);
        var marker = _resolver is null
            ? null
            : await _resolver.MarkAsync(connection, transaction, connection.CurrentHost ?? _dataSource.InitialHost, cancellationToken).ConfigureAwait(false);
        var result = await unit(connection, transaction, cancellationToken).ConfigureAwait(false);
        state.PendingCommit = marker;
        state.PendingResult = result;
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FailoverException || Driver.ErrorClassifier.Classify(error) != DriverErrorKind.NotFailover)
        {
            if (marker is null)
            {
                // Nothing to ask the new writer with: the outcome cannot be known.
                state.FinalError = error;
            }

            throw;
        }
        catch
        {
            state.PendingCommit = null;
            state.PendingResult = null;
            throw;
        }

        state.PendingCommit = null;
        state.PendingResult = null;
        return result;
    }
}
