using System.Data.Common;
using Aurora.Reactive.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>Makes an <see cref="AuroraRelationalTransaction"/> for each transaction begun on an <see cref="AuroraConnection"/>.</summary>
internal sealed class AuroraRelationalTransactionFactory(RelationalTransactionFactoryDependencies dependencies)
    : RelationalTransactionFactory(dependencies)
{
    public override RelationalTransaction Create(
        IRelationalConnection connection,
        DbTransaction transaction,
        Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger,
        bool transactionOwned) =>
        connection.DbConnection is AuroraConnection logical
            ? new AuroraRelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper, logical)
            : base.Create(connection, transaction, transactionId, logger, transactionOwned);
}
