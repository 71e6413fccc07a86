using System.Collections.Concurrent;
using Aurora.Reactive.Chaos;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.IntegrationTests.Chaos;

/// <summary>How a worker records what each call told it (no cluster: a scripted writer).</summary>
public sealed class ChaosWorkerTests
{
    private static readonly ChaosPlan Plan = new()
    {
        Seed = 1,
        Faults = [],
        WritePause = TimeSpan.Zero,
        RetryDelay = TimeSpan.Zero,
        CallCap = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task RunAsync_EachOutcome_RecordedUnderItsId()
    {
        var host = new HostSpec("127.0.0.1", 5432, "instance-2", HostRole.Writer);
        var writer = new ScriptedWriter(
            () => Task.FromResult("instance-1"),
            () => Task.FromException<string>(new TransactionResolutionUnknownException(null, host, null)),
            () => Task.FromException<string>(new CommitOutcomeUnknownException(new InvalidOperationException("reset"))),
            () => Task.FromException<string>(new InvalidOperationException("before the commit")),
            () => Task.FromException<string>(new TimeoutException("the driver's own timeout")));
        var ledger = new ChaosLedger();

        await RunUntilAsync(writer, ledger, () => writer.Calls > 5);

        var outcomes = ledger.Snapshot().Take(5).Select(r => (r.Outcome, r.Hung)).ToArray();
        Assert.Equal(
            [(WriteOutcome.Acknowledged, false), (WriteOutcome.Unknown, false), (WriteOutcome.Unknown, false), (WriteOutcome.Failed, false), (WriteOutcome.Failed, false)],
            outcomes);
    }

    [Fact]
    public async Task RunAsync_CallPastTheCap_MarkedHungThenAcknowledgedWhenItReturns()
    {
        var late = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new ScriptedWriter(() => late.Task);
        var ledger = new ChaosLedger();
        using var stop = new CancellationTokenSource();
        var worker = new ChaosWorker(writer, "w", ledger, Plan with { Faults = [] });
        var running = worker.RunAsync(stop.Token);

        // The call never returns until the worker has marked it hung: the mark does not depend on how fast the machine is.
        await WaitUntilAsync(() => ledger.Snapshot().FirstOrDefault() is { Hung: true });
        await stop.CancelAsync();
        late.SetResult("instance-1");
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var first = ledger.Snapshot()[0];
        Assert.True(first.Hung);
        Assert.Equal(WriteOutcome.Acknowledged, first.Outcome);
    }

    [Fact]
    public async Task FirstAcknowledgedAsync_StartedAfter_IgnoresAWriteInFlightAtTheMark()
    {
        var ledger = new ChaosLedger();
        var inFlight = ledger.Begin("k");
        var mark = System.Diagnostics.Stopwatch.GetTimestamp();
        var any = ledger.FirstAcknowledgedAsync("k", mark, excludedInstance: null);
        var startedAfter = ledger.FirstAcknowledgedAsync("k", mark, excludedInstance: null, startedAfter: true);
        var elsewhere = ledger.FirstAcknowledgedAsync("k", mark, excludedInstance: "instance-1");

        ledger.Acknowledge(inFlight, "instance-1");

        Assert.True(any.IsCompletedSuccessfully);
        Assert.False(startedAfter.IsCompleted);
        Assert.False(elsewhere.IsCompleted);
        ledger.Acknowledge(ledger.Begin("k"), "instance-2");
        Assert.True(startedAfter.IsCompletedSuccessfully);
        Assert.True(elsewhere.IsCompletedSuccessfully);
    }

    private static async Task RunUntilAsync(IChaosWriter writer, ChaosLedger ledger, Func<bool> done)
    {
        using var stop = new CancellationTokenSource();
        var running = new ChaosWorker(writer, "w", ledger, Plan).RunAsync(stop.Token);
        await WaitUntilAsync(done);
        await stop.CancelAsync();
        ((ScriptedWriter)writer).Release();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(5);
        }
    }

    /// <summary>Answers each call with the next scripted result; after the script, calls wait for <see cref="Release"/> (so the loop cannot spin).</summary>
    private sealed class ScriptedWriter(params Func<Task<string>>[] script) : IChaosWriter
    {
        private readonly ConcurrentQueue<Func<Task<string>>> _script = new(script);
        private readonly TaskCompletionSource<string> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public void Release() => _released.TrySetResult("instance-1");

        public int Calls => Volatile.Read(ref _calls);

        public string Kind => "scripted";

        public Task<string> WriteAsync(long id, string writer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return _script.TryDequeue(out var next) ? next() : _released.Task;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
