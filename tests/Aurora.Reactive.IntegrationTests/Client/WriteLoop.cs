using System.Collections.Concurrent;
using System.Diagnostics;
using Aurora.Reactive.Client;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>
/// Inserts numbered rows through the client, each worker one after another (worker w numbers its rows from
/// w × 10⁹ + 1), recording acknowledgements and errors.
/// </summary>
internal sealed class WriteLoop
{
    private readonly AuroraClient _client;
    private readonly Stopwatch _clock;
    private volatile bool _stopping;
    private readonly int _workers;
    private Task _loop = Task.CompletedTask;

    public WriteLoop(AuroraClient client, Stopwatch clock, int workers = 1)
    {
        _client = client;
        _clock = clock;
        _workers = workers;
    }

    public ConcurrentQueue<(long Key, TimeSpan At)> Acknowledged { get; } = new();

    public ConcurrentQueue<Exception> Errors { get; } = new();

    public void Start() => _loop = Task.WhenAll(Enumerable.Range(0, _workers).Select(worker => Task.Run(() => WriteAsync(worker * 1_000_000_000L + 1))));

    private async Task WriteAsync(long firstKey)
    {
        for (var key = firstKey; !_stopping; key++)
        {
            try
            {
                await _client.ExecuteNonQueryAsync("INSERT INTO writes (k) VALUES (@k)", new Dictionary<string, object?> { ["k"] = key });
                Acknowledged.Enqueue((key, _clock.Elapsed));
            }
            catch (Exception error)
            {
                Errors.Enqueue(error);
            }
        }
    }

    public Task WaitForAcknowledgementsAfterAsync(TimeSpan since, int count, TimeSpan patience) =>
        ClusterSql.WaitUntilAsync(() => Task.FromResult(Acknowledged.Count(a => a.At > since) >= count), patience, $"{count} writes acknowledged after {since}");

    public async Task StopAsync()
    {
        _stopping = true;
        await _loop.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The longest stretch without an acknowledgement from <paramref name="since"/> on.</summary>
    public TimeSpan LongestGapAfter(TimeSpan since)
    {
        var previous = since;
        var longest = TimeSpan.Zero;
        foreach (var (_, at) in Acknowledged.Where(a => a.At > since).OrderBy(a => a.At))
        {
            longest = at - previous > longest ? at - previous : longest;
            previous = at;
        }

        return longest;
    }
}
