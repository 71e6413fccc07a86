using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// End-to-end failover through AuroraConnection on a real local cluster, with the test handler standing in
/// for the coordinator. Each prints the time from the fault to the first successful statement on the new writer.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class FailoverSeamTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CrashWriterBetweenStatements_FailoverSuccess_ThenTheSameConnectionRunsOnTheNewWriter()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var oldWriter = scenario.Cluster.Writer;
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_catalog.aurora_db_instance_identifier()";
        Assert.Equal(oldWriter.InstanceId, await command.ExecuteScalarAsync());

        var clock = Stopwatch.StartNew();
        scenario.Handler!.Follow(scenario.Cluster.FailoverAsync(FailoverFault.Crash));
        var error = await RunUntilFailoverAsync<FailoverSuccessException>(command);
        var instance = (string?)await command.ExecuteScalarAsync();
        output.WriteLine($"writer crash -> first successful statement on the new writer: {clock.ElapsedMilliseconds} ms");

        var newWriter = scenario.Cluster.Writer;
        Assert.NotEqual(oldWriter.InstanceId, newWriter.InstanceId);
        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(oldWriter.Port, error.OldHost!.Port);
        Assert.Equal((newWriter.Port, HostRole.Writer), (error.NewHost!.Port, error.NewHost.Role));
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT pg_catalog.pg_is_in_recovery()"));
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.False(Assert.Single(scenario.Handler.Requests).InTransaction);
    }

    [Fact]
    public async Task CrashWriterInsideTransaction_TransactionResolutionUnknown_RedoneTransactionCommitsWithNoHalfRows()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE transfers (id int PRIMARY KEY, amount int NOT NULL)");
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("INSERT INTO transfers VALUES (1, -100)", transaction: transaction);

        var clock = Stopwatch.StartNew();
        var newWriter = await scenario.Cluster.FailoverAsync(FailoverFault.Crash);
        scenario.Handler!.MoveTo(newWriter);
        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(
            () => connection.ExecuteAsync("INSERT INTO transfers VALUES (2, 100)", transaction: transaction));

        Assert.True(transaction.IsLost);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM transfers"));
        output.WriteLine($"writer crash in a transaction -> first successful statement on the new writer: {clock.ElapsedMilliseconds} ms");
        await using (var redo = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO transfers VALUES (1, -100)", transaction: redo);
            await connection.ExecuteAsync("INSERT INTO transfers VALUES (2, 100)", transaction: redo);
            await redo.CommitAsync();
        }

        Assert.Equal(TransactionResolutionUnknownException.Code, error.SqlState);
        Assert.Equal(newWriter.InstanceId, error.NewHost!.InstanceId);
        Assert.Equal((2, 0), await connection.QuerySingleAsync<(int, int)>("SELECT count(*)::int, sum(amount)::int FROM transfers"));
        Assert.True(Assert.Single(scenario.Handler.Requests).InTransaction);
    }

    [Fact]
    public async Task CrashWriterWithoutHandler_DriverErrorArrivesUnwrapped()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, withHandler: false);
        await using var connection = await scenario.DataSource.OpenConnectionAsync();

        await scenario.Cluster.CrashAsync(scenario.Cluster.Writer);
        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.ExecuteScalarAsync<int>("SELECT 1"));

        Assert.IsNotAssignableFrom<FailoverException>(error);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task RepeatedFailovers_OnOneConnection_EachLandsOnTheNewWriter()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2, EndpointRepointDelay = TimeSpan.Zero });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_catalog.aurora_db_instance_identifier()";

        for (var round = 1; round <= 2; round++)
        {
            var clock = Stopwatch.StartNew();
            scenario.Handler!.Follow(scenario.Cluster.FailoverAsync(FailoverFault.Crash));
            await RunUntilFailoverAsync<FailoverSuccessException>(command);
            var instance = (string?)await command.ExecuteScalarAsync();
            output.WriteLine($"failover {round}: writer crash -> first successful statement on the new writer: {clock.ElapsedMilliseconds} ms");
            Assert.Equal(scenario.Cluster.Writer.InstanceId, instance);
        }

        Assert.Equal(2, scenario.Handler!.Requests.Count);
    }

    [Fact]
    public async Task FailoverFindsNoNode_FailoverFailed_ConnectionIsBrokenAndUnusable()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, withHandler: false);
        var handler = new NodeFailoverHandler { Timeout = TimeSpan.FromSeconds(2) };
        await using var dataSource = AuroraClusterScenario.Over(scenario.Cluster, handler);
        await using var connection = await dataSource.DataSource.OpenConnectionAsync();
        var states = new List<LogicalConnectionState>();
        using var subscription = connection.StateChanges.Subscribe(states.Add);
        var reader = scenario.Cluster.Readers[0];
        handler.MoveTo(reader);

        await scenario.Cluster.CrashAsync(scenario.Cluster.Writer);
        await scenario.Cluster.CrashAsync(reader);
        var error = await Assert.ThrowsAsync<FailoverFailedException>(() => connection.ExecuteScalarAsync<int>("SELECT 1"));

        Assert.Equal(FailoverFailedException.Code, error.SqlState);
        Assert.NotNull(error.LastAttemptError);
        Assert.Equal(System.Data.ConnectionState.Broken, connection.State);
        Assert.Equal(LogicalConnectionStatus.Failed, states[^1].Status);
        Assert.Throws<InvalidOperationException>(() => connection.Unwrap());
        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task KeepSessionState_ReadOnlyAndSetupStatements_SurviveTheFailover()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 1 },
            configure: s => new AuroraConnectionSettings
            {
                FailoverHandler = s.FailoverHandler,
                InitialHostRole = HostRole.Writer,
                KeepSessionStateOnFailover = true,
                SessionSetupStatements = ["SET search_path TO app, public"],
            });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        await connection.SetReadOnlyAsync(true);
        await connection.AddSessionStatementAsync("SET TIME ZONE 'Asia/Tokyo'");

        scenario.Handler!.Follow(scenario.Cluster.FailoverAsync(FailoverFault.Crash));
        await Assert.ThrowsAsync<FailoverSuccessException>(() => connection.ExecuteScalarAsync<int>("SELECT 1"));

        Assert.Equal("app, public", await connection.ExecuteScalarAsync<string>("SHOW search_path"));
        Assert.Equal("Asia/Tokyo", await connection.ExecuteScalarAsync<string>("SHOW TIME ZONE"));
        Assert.Equal("on", await connection.ExecuteScalarAsync<string>("SHOW default_transaction_read_only"));
        Assert.True(Assert.Single(scenario.Handler.Requests).IsReadOnly);
    }

    [Fact]
    public async Task FrozenWriterWithCommandTimeout_TimeoutStartsTheFailover()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 1 },
            driverSettings: b =>
            {
                b.CommandTimeout = 1;
                b.Timeout = 2;
            });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();

        var clock = Stopwatch.StartNew();
        scenario.Handler!.Follow(scenario.Cluster.FailoverAsync(FailoverFault.Freeze));
        var error = await RunUntilFailoverAsync<FailoverSuccessException>(connection);
        var instance = await connection.ExecuteScalarAsync<string>("SELECT pg_catalog.aurora_db_instance_identifier()");
        output.WriteLine($"writer freeze (CommandTimeout=1, Timeout=2) -> first successful statement on the new writer: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(scenario.Cluster.Writer.InstanceId, instance);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
    }

    [Fact]
    public async Task ReportHostLost_CommandInFlightOnFrozenWriter_IsReleasedAtOnceAndTheConnectionMoves()
    {
        await using var scenario = await AuroraClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var oldWriter = scenario.Cluster.Writer;
        var newWriter = scenario.Cluster.Readers[0];
        scenario.Handler!.MoveTo(newWriter);

        await scenario.Cluster.FreezeAsync(oldWriter);
        var inFlight = connection.ExecuteScalarAsync<int>("SELECT 1");
        await scenario.Cluster.PromoteAsync(newWriter);
        var clock = Stopwatch.StartNew();
        connection.ReportHostLost(connection.CurrentHost!, new TimeoutException("the writer was judged dead by the test"));
        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => inFlight);
        output.WriteLine($"ReportHostLost -> in-flight command on a frozen writer released with the failover outcome after {clock.ElapsedMilliseconds} ms");

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(newWriter.InstanceId, await connection.ExecuteScalarAsync<string>("SELECT pg_catalog.aurora_db_instance_identifier()"));
        await scenario.Cluster.ThawAsync(oldWriter);
    }

    private static async Task<T> RunUntilFailoverAsync<T>(System.Data.Common.DbCommand command)
        where T : FailoverException
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            try
            {
                await command.ExecuteScalarAsync();
            }
            catch (T error)
            {
                return error;
            }
        }

        throw new TimeoutException($"no {typeof(T).Name} within {Patience.TotalSeconds} s");
    }

    private static async Task<T> RunUntilFailoverAsync<T>(AuroraConnection connection)
        where T : FailoverException
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return await RunUntilFailoverAsync<T>(command);
    }
}
