using System.Data.Common;
using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.EntityFrameworkCore;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.EntityFrameworkCore;

/// <summary>
/// SaveChanges through <c>UseAuroraNpgsql</c> while the writer fails: every SaveChanges the caller saw succeed is on the
/// new writer exactly once, and none failed. Prints the time from the fault to the first write on the new writer.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class EfCoreFailoverTests(ITestOutputHelper output)
{
    private const string ShortDetection = "failure_detection_time_ms=1000;failure_detection_interval_ms=500;failure_detection_count=2";

    [Fact]
    public async Task SaveChangesDuringWriterCrash_SucceedsOnTheNewWriter_NoRowLostOrDoubled()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true }, "Timeout=3;Command Timeout=15");
        await WriteThroughFaultAsync(kit, () => kit.Cluster.FailoverAsync(FailoverFault.Crash), "crash");
    }

    [Fact]
    public async Task SaveChangesDuringWriterFreeze_EfmReleasesIt_SucceedsOnTheNewWriter_NoRowLostOrDoubled()
    {
        // No command timeout: only enhanced failure monitoring releases the SaveChanges stuck on the frozen writer.
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true }, $"Timeout=3;Command Timeout=0;{ShortDetection}");
        await WriteThroughFaultAsync(
            kit, () => kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500)), "freeze");
    }

    [Fact]
    public async Task WriterCrashWhileCommitIsSent_OutcomeAskedOnTheNewWriter_NotCommittedSoSaveChangesRunsOnceMore()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true }, "Timeout=3;Command Timeout=15");
        await using (var setup = EfCoreOverAuroraTests.NewContext(kit.DataSource))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        var crashBeforeCommit = new CrashBeforeFirstCommit(kit.Cluster);
        var failovers = new FailoverCounter();
        await using var context = new PaymentsContext(new DbContextOptionsBuilder<PaymentsContext>()
            .UseAuroraNpgsql(kit.DataSource).AddInterceptors(crashBeforeCommit, failovers).Options);
        var marker = Guid.NewGuid();
        context.Payments.Add(new Payment { Marker = marker, Amount = 5 });

        var clock = Stopwatch.StartNew();
        Assert.Equal(1, await context.SaveChangesAsync());
        output.WriteLine(
            $"crash with the COMMIT in flight: the kit crashed the writer and promoted a reader in {crashBeforeCommit.FailoverMs} ms; "
            + $"SaveChanges returned {clock.ElapsedMilliseconds - crashBeforeCommit.FailoverMs} ms after that, {failovers.Count} failover(s) seen, {crashBeforeCommit.Commits} commit(s) sent");
        output.WriteLine(kit.Trace);

        Assert.Equal(2, crashBeforeCommit.Commits);
        Assert.Equal(1, failovers.Count);
        context.ChangeTracker.Clear();
        Assert.Equal(1, await context.Payments.CountAsync(p => p.Marker == marker));
        Assert.Equal(kit.Cluster.Writer.InstanceId, await KitDataSource.InstanceIdAsync((AuroraConnection)context.Database.GetDbConnection().Opened()));
    }

    private async Task WriteThroughFaultAsync(KitDataSource kit, Func<Task<LocalPostgresNode>> fault, string name)
    {
        const int FaultAtWrite = 20;
        const int Writes = 40;
        await using (var setup = EfCoreOverAuroraTests.NewContext(kit.DataSource))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        var acknowledged = new List<Guid>();
        var failovers = new FailoverCounter();
        var clock = Stopwatch.StartNew();
        var faultOnWrite = new FaultOnInsert(FaultAtWrite, fault, clock);
        var options = new DbContextOptionsBuilder<PaymentsContext>().UseAuroraNpgsql(kit.DataSource).AddInterceptors(failovers, faultOnWrite).Options;
        long slowestMs = 0;
        long firstAfterFaultMs = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        // One SaveChanges after the other, each in a new context; the fault lands inside the 20th, after BEGIN and
        // before its INSERT is sent, so that SaveChanges meets the dead (or frozen) writer.
        for (var write = 1; write <= Writes; write++)
        {
            var marker = Guid.NewGuid();
            var started = clock.ElapsedMilliseconds;
            await using var context = new PaymentsContext(options);
            context.Payments.Add(new Payment { Marker = marker, Amount = 1 });
            await context.SaveChangesAsync(stop.Token);
            slowestMs = Math.Max(slowestMs, clock.ElapsedMilliseconds - started);
            acknowledged.Add(marker);
            if (write == FaultAtWrite)
            {
                firstAfterFaultMs = clock.ElapsedMilliseconds - faultOnWrite.FaultAtMs;
            }
        }

        output.WriteLine(
            $"{name}: {acknowledged.Count} SaveChanges acknowledged, none failed; the kit's fault and promotion took {faultOnWrite.PromotedMs} ms; "
            + $"the interrupted SaveChanges returned {firstAfterFaultMs} ms after the fault began; slowest SaveChanges {slowestMs} ms; "
            + $"{failovers.Count} failover(s) seen by EF");

        await using var check = new PaymentsContext(options);
        Assert.Equal(faultOnWrite.NewWriter!.InstanceId, await KitDataSource.InstanceIdAsync((AuroraConnection)check.Database.GetDbConnection().Opened()));
        var rows = await check.Payments.GroupBy(p => p.Marker).Select(g => new { Marker = g.Key, Count = g.Count() }).ToListAsync();
        Assert.All(rows, row => Assert.Equal(1, row.Count));
        Assert.Equal(acknowledged.Order(), rows.Select(r => r.Marker).Order());
        Assert.Equal(1, failovers.Count);
    }

    /// <summary>Runs the fault (crash or freeze, then promotion) just before the <paramref name="atInsert"/>-th INSERT is sent.</summary>
    private sealed class FaultOnInsert(int atInsert, Func<Task<LocalPostgresNode>> fault, Stopwatch clock) : DbCommandInterceptor
    {
        private int _inserts;

        public long FaultAtMs { get; private set; }

        public long PromotedMs { get; private set; }

        public LocalPostgresNode? NewWriter { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.Ordinal) && Interlocked.Increment(ref _inserts) == atInsert)
            {
                FaultAtMs = clock.ElapsedMilliseconds;
                NewWriter = await fault();
                PromotedMs = clock.ElapsedMilliseconds - FaultAtMs;
            }

            return result;
        }
    }

    /// <summary>Counts the failovers EF Core saw a command or commit end with (each one made the strategy run the unit again).</summary>
    private sealed class FailoverCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private int _count;

        public int Count => _count;

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Note(eventData.Exception);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Note(eventData.Exception);
            return Task.CompletedTask;
        }

        public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Note(eventData.Exception);

        public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Note(eventData.Exception);
            return Task.CompletedTask;
        }

        private void Note(Exception error)
        {
            if (error is FailoverException)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    /// <summary>Crashes the writer (and promotes a reader) just before the first COMMIT is sent, after the transaction id was taken.</summary>
    private sealed class CrashBeforeFirstCommit(LocalPostgresCluster cluster) : DbTransactionInterceptor
    {
        private int _commits;

        public int Commits => _commits;

        public long FailoverMs { get; private set; }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _commits) == 1)
            {
                var clock = Stopwatch.StartNew();
                await cluster.FailoverAsync(FailoverFault.Crash, cancellationToken: cancellationToken);
                FailoverMs = clock.ElapsedMilliseconds;
            }

            return result;
        }
    }
}

internal static class DbConnectionOpening
{
    public static DbConnection Opened(this DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }

        return connection;
    }
}
