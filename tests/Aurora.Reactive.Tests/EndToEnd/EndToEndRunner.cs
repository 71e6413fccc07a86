using System.Data.Common;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Testing.Simulation;

namespace Aurora.Reactive.Tests.EndToEnd;

/// <summary>
/// <c>end-to-end</c>: one connection of a real <see cref="AuroraDataSource"/> (builder, coordinator, shared topology
/// monitor, host monitors) over a <see cref="SimulatedCluster"/> of <c>instance-1</c> (writer) to <c>instance-N</c>,
/// opened at frame 0 through the writer endpoint.
/// </summary>
/// <remarks>
/// <para>Inputs: <c>query</c> (the value is the SQL to run on the connection, after the connection's previous work; in
/// the open transaction if there is one), <c>begin</c> (begins a transaction), <c>commit</c>, and the faults, whose
/// values are instance ids (<c>current</c>: the connection's node): <c>crash</c>, <c>restart</c>, <c>freeze</c>, <c>thaw</c>, <c>promote</c>, <c>switchover</c>.</para>
/// <para>Options: <c>nodes</c> (3), <c>connection</c> (connection-string keys added, such as
/// <c>"failover_mode=strict_reader"</c>), <c>host</c> (the host connections open through, the writer endpoint), <c>lag</c> (the topology's lag behind the roles, 0), <c>timer_lead</c> (how early the data source's timers fire by its clock, per second of delay, 0: <see cref="SimulatedCluster.TimerLeadPerSecond"/>).</para>
/// <para>Outputs: <c>opened</c> (the open's node), <c>health</c> (failure monitoring's view of a node when it changes,
/// <c>instance-1:Unhealthy</c>), <c>result</c> (per statement, begin or commit when it ends: the
/// statement's node, or the name of the exception it threw).</para>
/// </remarks>
public sealed class EndToEndRunner : IMarbleScenarioRunner
{
    /// <summary>The clusters this thread's runs created (for the thread check).</summary>
    [ThreadStatic]
    internal static List<SimulatedCluster>? Created;

    public string Subject => "end-to-end";


    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var options = context.Options;
        var cluster = new SimulatedCluster(options.GetInt32("nodes", 3), context.Scheduler)
        {
            TopologyLag = options.GetTimeSpan("lag", TimeSpan.Zero),
            TimerLeadPerSecond = options.GetTimeSpan("timer_lead", TimeSpan.Zero),
        };
        Created?.Add(cluster);
        var dataSource = cluster.CreateDataSourceBuilder(options.GetString("connection", string.Empty), options.GetString("host", SimulatedCluster.WriterEndpoint)).Build();
        var connection = dataSource.CreateConnection();
        var opened = new ReplaySubject<object>();
        var results = new ReplaySubject<object>();
        DbTransaction? transaction = null;
        Task last = Observe(connection.OpenAsync(), opened, () => NodeOf(connection));

        void Then(Func<Task> work, Func<object?, object> describe) =>
            last = last.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap()
                .ContinueWith(
                    task =>
                    {
                        if (task.Exception?.GetBaseException() is Aurora.Reactive.Failover.FailoverException)
                        {
                            transaction = null; // a failover ends the transaction, whatever its outcome
                        }

                        results.OnNext(task.IsCompletedSuccessfully ? describe(null) : task.Exception!.GetBaseException().GetType().Name);
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);

        On(context, "query", sql =>
        {
            object? answer = null;
            Then(
                async () =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    command.Transaction = (AuroraTransaction?)transaction;
                    answer = await command.ExecuteScalarAsync().ConfigureAwait(false);
                },
                _ => answer ?? "null");
        });
        On(context, "begin", _ => Then(async () => transaction = await connection.BeginTransactionAsync().ConfigureAwait(false), _ => "begun"));
        On(context, "commit", _ => Then(() => transaction!.CommitAsync(), _ => "committed"));
        On(context, "crash", id => cluster.Crash(id == "current" ? NodeOf(connection) : id));
        On(context, "restart", cluster.Restart);
        On(context, "freeze", cluster.Freeze);
        On(context, "thaw", cluster.Thaw);
        On(context, "promote", cluster.Promote);
        On(context, "switchover", cluster.Switchover);

        // The data source lives until the scenario's end: the player disposes the subscriptions then.
        var outputs = new Dictionary<string, IObservable<object>>
        {
            ["opened"] = opened,
            ["health"] = dataSource.HostHealth.Select(h => (object)$"{h.Host.Host.Split('.')[0]}:{h.Status}").DistinctUntilChanged(),
            ["result"] = Observable.Using(() => dataSource, _ => results),
        };
        return outputs;
    }

    private static string NodeOf(AuroraConnection connection) => ((SimulatedConnection)connection.Unwrap()).NodeId ?? "closed";

    private static Task Observe(Task task, ReplaySubject<object> into, Func<object> describe) =>
        task.ContinueWith(
            t => into.OnNext(t.IsCompletedSuccessfully ? describe() : t.Exception!.GetBaseException().GetType().Name),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static void On(MarbleScenarioContext context, string input, Action<string> act)
    {
        if (context.HasInput(input))
        {
            context.Input(input).Subscribe(value => act(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        }
    }
}
