using System.Data.Common;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Tests.Client;

/// <summary>An <see cref="AuroraClient"/> over the fake driver (nodes n1, then n2 after a failover) on a virtual clock.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    public ClientHarness(AuroraClientOptions? options = null, bool withResolver = true, string clusterKey = "fake-cluster", ILoggerFactory? loggerFactory = null, TestScheduler? scheduler = null, string connectionString = "n1:5432")
    {
        Scheduler = scheduler ?? new TestScheduler();
        Handler = new FakeFailoverHandler(FakeCluster.Node2);
        var settings = new AuroraConnectionSettings { FailoverHandler = Handler, InitialHostRole = HostRole.Writer };
        DataSource = AuroraDataSource.Create(connectionString, Driver, settings, Scheduler, null, telemetry: new AuroraTelemetry(loggerFactory, Scheduler, clusterKey));
        Resolver = withResolver ? new FakeCommitOutcomeResolver() : null;
        Client = new AuroraClient(DataSource, options ?? AuroraClientOptions.Default, Scheduler, Resolver, _ => null);
        Client.Events.Subscribe(Events.Add);
        Client.ConnectionStates.Subscribe(States.Add);
    }

    /// <summary>
    /// The virtual clock. Advance it with <see cref="Advance"/> (or <c>AdvanceInline</c>), not a bare <c>AdvanceBy</c>:
    /// a unit of work that awaits without <c>ConfigureAwait(false)</c> (as <see cref="HostOfAsync"/> does) has its
    /// continuation posted to xUnit's synchronization context, so a bare advance returns before the client's next step
    /// (a re-run's delay) is scheduled, and a test that then awaits the call waits forever on a clock nobody moves.
    /// </summary>
    public TestScheduler Scheduler { get; }

    /// <summary>Moves the virtual clock by <paramref name="time"/>, running the continuations it releases inside the advance.</summary>
    public void Advance(TimeSpan time) => Scheduler.AdvanceInline(time);

    public FakeDriver Driver { get; } = new();

    public FakeFailoverHandler Handler { get; }

    public AuroraDataSource DataSource { get; }

    public FakeCommitOutcomeResolver? Resolver { get; }

    public AuroraClient Client { get; }

    public FakeConnectionFactory Factory => Driver.Factory!;

    public List<AuroraClientEvent> Events { get; } = [];

    public List<LogicalConnectionState> States { get; } = [];

    public IEnumerable<AuroraClientEventKind> EventKinds => Events.Select(e => e.Kind);

    public static async Task<string> HostOfAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
