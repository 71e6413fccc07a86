using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>Ordinary ADO.NET and Dapper work through AuroraConnection against a real server, with and without a failover handler.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class PassThroughTests(SharedClusterFixture fixture)
{
    private sealed record Item(int Id, string Name, decimal Price);

    private static string TableName() => "items_" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dapper_QueriesParametersAndTransactions_WorkUnchanged(bool withHandler)
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, withHandler ? new NodeFailoverHandler() : null);
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var table = TableName();
        await connection.ExecuteAsync($"CREATE TABLE {table} (id int PRIMARY KEY, name text NOT NULL, price numeric NOT NULL)");
        try
        {
            await connection.ExecuteAsync($"INSERT INTO {table} VALUES (@Id, @Name, @Price)", new[] { new Item(1, "one", 1.5m), new Item(2, "two", 2.5m) });
            using (var rolledBack = connection.BeginTransaction())
            {
                connection.Execute($"INSERT INTO {table} VALUES (3, 'three', 3)", transaction: rolledBack);
                rolledBack.Rollback();
            }

            await using (var committed = await connection.BeginTransactionAsync())
            {
                await connection.ExecuteAsync($"INSERT INTO {table} VALUES (@id, @name, @price)", new { id = 4, name = "four", price = 4m }, committed);
                await committed.CommitAsync();
            }

            var items = (await connection.QueryAsync<Item>($"SELECT id, name, price FROM {table} WHERE id IN @ids ORDER BY id", new { ids = new[] { 1, 2, 3, 4 } })).ToList();
            Assert.Equal(new[] { 1, 2, 4 }, items.Select(i => i.Id));
            Assert.Equal(2.5m, items[1].Price);
            Assert.Equal(3, connection.QuerySingle<int>($"SELECT count(*)::int FROM {table}"));
            using var multi = await connection.QueryMultipleAsync("SELECT 1; SELECT 'two'");
            Assert.Equal(1, multi.ReadSingle<int>());
            Assert.Equal("two", multi.ReadSingle<string>());
        }
        finally
        {
            await connection.ExecuteAsync($"DROP TABLE {table}");
        }
    }

    [Fact]
    public async Task Dapper_ClosedConnection_IsOpenedAndClosedByDapper()
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = scenario.DataSource.CreateConnection();

        var answer = await connection.QuerySingleAsync<int>("SELECT 42");

        Assert.Equal(42, answer);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task Dapper_InputOutputParameter_ComesBack()
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var procedure = "double_" + Guid.NewGuid().ToString("N")[..12];
        await connection.ExecuteAsync($"CREATE PROCEDURE {procedure}(x int, INOUT y int) LANGUAGE plpgsql AS $$ BEGIN y := x * 2; END $$");
        try
        {
            var parameters = new DynamicParameters();
            parameters.Add("x", 21);
            parameters.Add("y", 0, DbType.Int32, ParameterDirection.InputOutput);

            await connection.ExecuteAsync($"CALL {procedure}(@x, @y)", parameters);

            Assert.Equal(42, parameters.Get<int>("y"));
        }
        finally
        {
            await connection.ExecuteAsync($"DROP PROCEDURE {procedure}");
        }
    }

    [Fact]
    public async Task AdoNet_DriverAndNeutralParametersReaderAndSyncApi_Work()
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        using var connection = scenario.DataSource.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT @a::int + @b, @c::text, generate_series(1, 3)";
        command.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Integer) { Value = 40 });
        command.Parameters.AddWithValue("b", 2);
        var c = command.CreateParameter();
        c.ParameterName = "c";
        c.Value = "text";
        command.Parameters.Add(c);

        var rows = new List<(int, string, int)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), reader.GetFieldValue<string>(1), reader.GetInt32(2)));
            }
        }

        Assert.Equal(new[] { (42, "text", 1), (42, "text", 2), (42, "text", 3) }, rows);
        Assert.IsType<NpgsqlConnection>(connection.Unwrap<NpgsqlConnection>());
        Assert.Equal("postgres", connection.Database);
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UniqueViolation_ArrivesUnwrappedAsPostgresException(bool withHandler)
    {
        var handler = withHandler ? new NodeFailoverHandler() : null;
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, handler);
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var table = TableName();
        await connection.ExecuteAsync($"CREATE TABLE {table} (id int PRIMARY KEY)");
        try
        {
            await connection.ExecuteAsync($"INSERT INTO {table} VALUES (1)");
            var host = connection.CurrentHost;

            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync($"INSERT INTO {table} VALUES (1)"));

            Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
            Assert.IsNotAssignableFrom<FailoverException>(error);
            Assert.Same(host, connection.CurrentHost);
            Assert.Empty(handler?.Requests ?? []);
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>($"SELECT count(*)::int FROM {table}"));
        }
        finally
        {
            await connection.ExecuteAsync($"DROP TABLE {table}");
        }
    }

    [Fact]
    public async Task SessionStatements_RegisteredAtOpen_ApplyToTheSession()
    {
        await using var scenario = AuroraClusterScenario.Over(
            fixture.Cluster,
            new NodeFailoverHandler(),
            s => new AuroraConnectionSettings { FailoverHandler = s.FailoverHandler, SessionSetupStatements = ["SET TIME ZONE 'Pacific/Auckland'"] });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();

        Assert.Equal("Pacific/Auckland", await connection.ExecuteScalarAsync<string>("SHOW TIME ZONE"));
    }
}
