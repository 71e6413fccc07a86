using Aurora.Reactive.EntityFrameworkCore.Internal;
using Aurora.Reactive.Failover;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aurora.Reactive.EntityFrameworkCore;

/// <summary>
/// The execution strategy <c>UseAuroraNpgsql</c> installs: it runs an EF Core unit (a query, <c>SaveChanges</c>, or the
/// delegate given to <c>Database.CreateExecutionStrategy().ExecuteAsync</c>) again when the connection failed over.
/// </summary>
/// <remarks>
/// <para><see cref="FailoverSuccessException"/> (outside a transaction) and <see cref="TransactionResolutionUnknownException"/>
/// (inside one) are retried at once: the connection is already on the new writer. A transaction that failed before its
/// COMMIT was sent did not commit. When the COMMIT itself was in flight, the transaction (a <c>SaveChanges</c> or one the
/// unit began) asks the new writer with <c>txid_status()</c> about the transaction id it took just before committing:
/// committed means the commit succeeds and nothing is re-run; not committed means the error reaches this strategy and the
/// unit is run again; an answer it cannot get leaves the <see cref="TransactionResolutionUnknownException"/> to the caller,
/// never retried.</para>
/// <para>Statements outside a transaction (queries, <c>ExecuteSql</c>, <c>ExecuteUpdate</c>) may run twice: make them
/// idempotent or run them in a transaction. <c>SaveChanges</c> always opens a transaction under <c>UseAuroraNpgsql</c>.</para>
/// </remarks>
public sealed class AuroraExecutionStrategy : ExecutionStrategy
{
    /// <summary>The default number of retries of one unit: 5.</summary>
    public const int DefaultRetryCount = 5;

    /// <summary>Creates the strategy with <see cref="DefaultRetryCount"/> retries.</summary>
    /// <param name="dependencies">The strategy's dependencies, as EF Core passes them to <c>ExecutionStrategy(...)</c>.</param>
    public AuroraExecutionStrategy(ExecutionStrategyDependencies dependencies)
        : this(dependencies, DefaultRetryCount)
    {
    }

    /// <summary>Creates the strategy with the given number of retries.</summary>
    /// <param name="dependencies">The strategy's dependencies, as EF Core passes them to <c>ExecutionStrategy(...)</c>.</param>
    /// <param name="maxRetryCount">How many times one unit is run again before <see cref="RetryLimitExceededException"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetryCount"/> is negative.</exception>
    public AuroraExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount)
        : base(dependencies, maxRetryCount, DefaultMaxDelay)
    {
    }

    /// <summary>Whether <paramref name="exception"/> leaves the unit safe to run again (see the remarks of the type).</summary>
    /// <param name="exception">The error the unit ended with (EF Core has already looked inside a <c>DbUpdateException</c>).</param>
    /// <returns><see langword="true"/> for a failover that left the connection usable, unless a COMMIT's outcome stayed unknown.</returns>
    protected override bool ShouldRetryOn(Exception exception) =>
        exception is FailoverException { IsConnectionUsable: true } failover && !CommitOutcomeCheck.IsUnresolved(failover);

    /// <summary>No wait after a failover (the connection is on the new writer already); <see langword="null"/> once the retries are used up.</summary>
    /// <param name="lastException">The error of the last run.</param>
    /// <returns>The wait before the next run, or <see langword="null"/> for none.</returns>
    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        base.GetNextDelay(lastException) is null ? null : TimeSpan.Zero;
}
