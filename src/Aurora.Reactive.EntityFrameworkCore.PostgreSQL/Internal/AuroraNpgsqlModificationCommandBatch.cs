using System.Data;
using System.Data.Common;
using Aurora.Reactive.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>
/// The provider's batch, with its results read through the reader EF Core holds (an <see cref="AuroraDataReader"/>, which
/// turns a lost node into a failover) and only the per-statement row counts, which ADO.NET has no common API for, taken
/// from the <see cref="NpgsqlDataReader"/> underneath. It also asks for a transaction even for a single statement, so
/// that every <c>SaveChanges</c> can have its commit outcome checked after a failover.
/// </summary>
internal sealed class AuroraNpgsqlModificationCommandBatch(ModificationCommandBatchFactoryDependencies dependencies, int maxBatchSize)
    : NpgsqlModificationCommandBatch(dependencies, maxBatchSize)
{
    public override bool RequiresTransaction => true;

    protected override void Consume(RelationalDataReader reader) =>
        ConsumeAsync(reader, async: false, CancellationToken.None).GetAwaiter().GetResult();

    protected override Task ConsumeAsync(RelationalDataReader reader, CancellationToken cancellationToken = default) =>
        ConsumeAsync(reader, async: true, cancellationToken);

    private async Task ConsumeAsync(RelationalDataReader reader, bool async, CancellationToken cancellationToken)
    {
        var rows = DriverReader(reader.DbDataReader);
        var index = 0;
        try
        {
            for (; index < ModificationCommands.Count; index++)
            {
                var command = ModificationCommands[index];
                if (ResultSetMappings[index].HasFlag(ResultSetMapping.HasResultRow))
                {
                    // A result set carries generated values (and, for a stored procedure, its rows-affected output).
                    var hasRow = async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read();
                    if (!hasRow || (command.RowsAffectedColumn is { } column && reader.DbDataReader.GetInt32(OutputOrdinal(command, column)) != 1))
                    {
                        await ThrowConcurrencyAsync(reader, index, async, cancellationToken).ConfigureAwait(false);
                    }

                    command.PropagateResults(reader);
                    _ = async
                        ? await reader.DbDataReader.NextResultAsync(cancellationToken).ConfigureAwait(false)
                        : reader.DbDataReader.NextResult();
                }
                else if (command.StoreStoredProcedure is null && StatementRows(rows, index) != 1)
                {
                    // Without a result set, PostgreSQL reports the rows a statement touched in its CommandComplete message.
                    await ThrowConcurrencyAsync(reader, index, async, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is not DbUpdateException and not OperationCanceledException)
        {
            // Past the last command (an AFTER trigger failed), the error belongs to the last one.
            var failed = ModificationCommands[Math.Min(index, ModificationCommands.Count - 1)];
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", error, failed.Entries);
        }
    }

    private static NpgsqlDataReader DriverReader(DbDataReader reader) => reader switch
    {
        AuroraDataReader aurora when aurora.Unwrap() is NpgsqlDataReader driver => driver,
        NpgsqlDataReader driver => driver,
        _ => throw new InvalidOperationException($"SaveChanges needs an Npgsql reader underneath, not a {reader.GetType().Name}."),
    };

#pragma warning disable CS0618 // NpgsqlDataReader.Statements is the only per-statement row count until EF Core uses DbBatch.
    private static ulong StatementRows(NpgsqlDataReader reader, int index) => reader.Statements[index].Rows;
#pragma warning restore CS0618

    /// <summary>The column of <paramref name="rowsAffected"/> among the stored procedure's output parameters.</summary>
    private static int OutputOrdinal(IReadOnlyModificationCommand command, IColumnBase rowsAffected)
    {
        var ordinal = -1;
        foreach (var modification in command.ColumnModifications)
        {
            if (modification.Column is IStoreStoredProcedureParameter { Direction: ParameterDirection.Output or ParameterDirection.InputOutput })
            {
                ordinal++;
            }

            if (modification.Column == rowsAffected)
            {
                break;
            }
        }

        return ordinal;
    }

    private async Task ThrowConcurrencyAsync(RelationalDataReader reader, int index, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await ThrowAggregateUpdateConcurrencyExceptionAsync(reader, index, 1, 0, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ThrowAggregateUpdateConcurrencyException(reader, index, 1, 0);
        }
    }
}
