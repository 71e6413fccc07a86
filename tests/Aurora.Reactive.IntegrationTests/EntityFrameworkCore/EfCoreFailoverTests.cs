using System.Collections.Concurrent;
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
        const int BeforeFault = 20;
        const int AfterFault = 20;
        await using (var setup = EfCoreOverAuroraTests.NewContext(kit.DataSource))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        var acknowledged = new ConcurrentQueue<(Guid Marker, long AtMs)>();
        var failovers = new FailoverCounter();
        var options = new DbContextOptionsBuilder<PaymentsContext>().UseAuroraNpgsql(kit.DataSource).AddInterceptors(failovers).Options;
        var clock = Stopwatch.StartNew();
        long faultAtMs = long.MaxValue;
        long slowestMs = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var writer = Task.Run(async () =>
        {
            var afterFault = 0;
            while (afterFault < AfterFault)
            {
                stop.Token.ThrowIfCancellationRequested();
                var marker = Guid.NewGuid();
                var started = clock.ElapsedMilliseconds;
                await using var context = new PaymentsContext(options);
                context.Payments.Add(new Payment { Marker = marker, Amount = 1 });
                await context.SaveChangesAsync(stop.Token);
                var done = clock.ElapsedMilliseconds;
                slowestMs = Math.Max(slowestMs, done - started);
                acknowledged.Enqueue((marker, done));
                if (started > Volatile.Read(ref faultAtMs))
                {
                    afterFault++;
                }
            }
        });

        while (acknowledged.Count < BeforeFault && !writer.IsCompleted)
        {
            await Task.Delay(10);
        }

        Volatile.Write(ref faultAtMs, clock.ElapsedMilliseconds);
        var newWriter = await fault();
        var promotedMs = clock.ElapsedMilliseconds - faultAtMs;
        await writer;

        var firstAfter = acknowledged.Where(a => a.AtMs > faultAtMs + promotedMs).Min(a => a.AtMs) - faultAtMs;
        output.WriteLine(
            $"{name}: {acknowledged.Count} SaveChanges acknowledged, none failed; new writer promoted {promotedMs} ms after the fault, "
            + $"first write acknowledged on it {firstAfter} ms after the fault; slowest SaveChanges {slowestMs} ms; {failovers.Count} failover(s) seen by EF");

        await using var check = new PaymentsContext(options);
        Assert.Equal(newWriter.InstanceId, await KitDataSource.InstanceIdAsync((AuroraConnection)check.Database.GetDbConnection().Opened()));
        var rows = await check.Payments.GroupBy(p => p.Marker).Select(g => new { Marker = g.Key, Count = g.Count() }).ToListAsync();
        Assert.All(rows, row => Assert.Equal(1, row.Count));
        Assert.Equal(acknowledged.Select(a => a.Marker).Order(), rows.Select(r => r.Marker).Order());
        Assert.True(failovers.Count >= 1, "the fault never reached EF: no failover seen");
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
