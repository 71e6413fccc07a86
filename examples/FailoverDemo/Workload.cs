using System.Collections.Concurrent;
using Aurora.Reactive.Client;

namespace FailoverDemo;

/// <summary>
/// A steady write workload: several writers, each inserting one row after another through the client
/// (<see cref="AuroraClient.ExecuteNonQueryAsync"/>: one transaction per row, applied at most once), each row
/// with a unique id. Records every acknowledged id with the time of its acknowledgement, and every error the
/// caller saw.
/// </summary>
internal sealed class Workload
{
    public const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS aurora_reactive_demo (run_id text NOT NULL, id bigint NOT NULL, writer int NOT NULL, written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (run_id, id))";

    private const string InsertSql = "INSERT INTO aurora_reactive_demo (run_id, id, writer) VALUES (@run, @id, @writer)";

    private readonly AuroraClient _client;
    private readonly Timeline _timeline;
    private readonly ConcurrentQueue<(long Id, TimeSpan At)> _acknowledged = new();
    private readonly ConcurrentQueue<(TimeSpan At, string Error)> _errors = new();
    private readonly List<Task> _writers = [];
    private volatile bool _stopping;
    private long _nextId;

    public Workload(AuroraClient client, Timeline timeline)
    {
        _client = client;
        _timeline = timeline;
    }

    /// <summary>Raised on a writer's thread with the time of each acknowledgement.</summary>
    public event Action<TimeSpan>? WriteAcknowledged;

    /// <summary>Raised on a writer's thread with the time and text of each error the caller saw.</summary>
    public event Action<TimeSpan, string>? ErrorSeen;

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    public int AcknowledgedCount => _acknowledged.Count;

    public int ErrorCount => _errors.Count;

    public IReadOnlyList<(long Id, TimeSpan At)> Acknowledged => [.. _acknowledged];

    public IReadOnlyList<(TimeSpan At, string Error)> Errors => [.. _errors];

    public void Start(int writers)
    {
        for (var writer = 1; writer <= writers; writer++)
        {
            var number = writer;
            _writers.Add(Task.Run(() => WriteLoopAsync(number)));
        }
    }

    /// <summary>Lets every writer finish the row it is writing (a row in flight is not abandoned), then returns.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        _stopping = true;
        await Task.WhenAll(_writers).WaitAsync(patience);
    }

    private async Task WriteLoopAsync(int writer)
    {
        while (!_stopping)
        {
            var id = Interlocked.Increment(ref _nextId);
            try
            {
                await _client.ExecuteNonQueryAsync(InsertSql, new Dictionary<string, object?> { ["run"] = RunId, ["id"] = id, ["writer"] = writer });
                var at = _timeline.Clock.Elapsed;
                _acknowledged.Enqueue((id, at));
                WriteAcknowledged?.Invoke(at);
            }
            catch (Exception error)
            {
                var at = _timeline.Clock.Elapsed;
                var text = $"{error.GetType().Name}: {error.Message}";
                _errors.Enqueue((at, text));
                ErrorSeen?.Invoke(at, text);
                _timeline.Add($"caller error (writer {writer}, row {id}): {error.GetType().Name}");
            }

            await Task.Delay(10);
        }
    }
}
