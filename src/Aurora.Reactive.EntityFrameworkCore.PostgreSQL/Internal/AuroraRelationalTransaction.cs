using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>
/// An EF Core transaction on an <see cref="AuroraConnection"/> whose commit survives a failover during the COMMIT:
/// it takes the transaction id just before committing, and when the COMMIT ends in
/// <see cref="TransactionResolutionUnknownException"/> asks the new writer whether it committed. Committed: the commit
/// returns normally. Not committed: the error goes on (the execution strategy may run the unit again). Not known: the
/// error goes on, marked so that no strategy retries it.
/// </summary>
internal sealed class AuroraRelationalTransaction(
    IRelationalConnection connection,
    DbTransaction transaction,
    Guid transactionId,
    IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger,
    bool transactionOwned,
    ISqlGenerationHelper sqlGenerationHelper,
    AuroraConnection logical)
    : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
{
    public override void Commit() => CommitAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    public override Task CommitAsync(CancellationToken cancellationToken = default) => CommitAsync(async: true, cancellationToken);

    private async Task CommitAsync(bool async, CancellationToken cancellationToken)
    {
        // A failure while marking is a failure before the COMMIT was sent: the transaction did not commit.
        var marker = await CommitOutcomeCheck.MarkAsync(logical, this.GetDbTransaction(), cancellationToken).ConfigureAwait(false);
        try
        {
            if (async)
            {
                await base.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                base.Commit();
            }
        }
        catch (TransactionResolutionUnknownException inFlight)
        {
            if (!await CommitOutcomeCheck.CommittedAsync(logical, marker, inFlight, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }
}
