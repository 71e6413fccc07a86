using System.Data.Common;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The DbBatch contract, each assertion run on the plain driver and on this library over it, in the same run.</summary>
public abstract class BatchConformance
{
    private protected abstract AdoNetProvider Provider(ProviderKind kind);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task ExecuteNonQuery_CountsRowsPerStatementAndInTotal(ProviderKind kind)
    {
        var provider = Provider(kind);
        var sql = provider.Sql;
        await using var connection = provider.OpenConnection();
        var table = AdoNetProvider.TableName("batch");
        AdoNetProvider.Execute(connection, $"CREATE TABLE {table} (id int)");
        try
        {
            await using var batch = connection.CreateBatch();
            Add(batch, $"INSERT INTO {table} VALUES ({sql.Positional(1)}), ({sql.Positional(2)})", 1, 2);
            Add(batch, $"INSERT INTO {table} VALUES ({sql.Positional(1)})", 3);
            Add(batch, $"DELETE FROM {table} WHERE id = {sql.Positional(1)}", 1);

            Assert.Equal(4, await batch.ExecuteNonQueryAsync());
            Assert.Equal(sql.ReportsRecordsAffectedPerBatchCommand ? [2, 1, 1] : [0, 0, 0], batch.BatchCommands.Select(c => c.RecordsAffected));
            Assert.Equal(4, batch.ExecuteNonQuery()); // runs again: inserts 1, 2, 3 again and deletes the new 1
        }
        finally
        {
            AdoNetProvider.Execute(connection, $"DROP TABLE {table}");
        }
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task ExecuteReader_GivesOneResultPerStatement(ProviderKind kind)
    {
        var provider = Provider(kind);
        var sql = provider.Sql;
        await using var connection = provider.OpenConnection();
        await using var batch = connection.CreateBatch();
        Add(batch, $"SELECT {sql.Int(sql.Positional(1))}", 1);
        Add(batch, "SELECT 'two'");

        await using var reader = await batch.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.True(await reader.NextResultAsync());
        Assert.True(await reader.ReadAsync());
        Assert.Equal("two", reader.GetString(0));
        Assert.False(await reader.NextResultAsync());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void ExecuteScalar_ChangedParameter_IsSentAgain(ProviderKind kind)
    {
        var provider = Provider(kind);
        var sql = provider.Sql;
        using var connection = provider.OpenConnection();
        using var batch = connection.CreateBatch();
        var parameter = Add(batch, $"SELECT {sql.Int(sql.Positional(1))} * 2", 21);

        Assert.Equal(sql.IntValue(42), batch.ExecuteScalar());
        parameter!.Value = 5;
        Assert.Equal(sql.IntValue(10), batch.ExecuteScalar());
        batch.BatchCommands[0].CommandText = $"SELECT {sql.Int(sql.Positional(1))} * 3";
        Assert.Equal(sql.IntValue(15), batch.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Prepare_ThenRun_Works(ProviderKind kind)
    {
        var provider = Provider(kind);
        var sql = provider.Sql;
        using var connection = provider.OpenConnection();
        using var batch = connection.CreateBatch();
        Add(batch, $"SELECT {sql.Int(sql.Positional(1))} + 1", 1);

        batch.Prepare();

        Assert.Equal(sql.IntValue(2), batch.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Transaction_RollbackUndoesTheBatch(ProviderKind kind)
    {
        using var connection = Provider(kind).OpenConnection();
        var table = AdoNetProvider.TableName("batchtx");
        AdoNetProvider.Execute(connection, $"CREATE TABLE {table} (id int)");
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                Add(batch, $"INSERT INTO {table} VALUES (1)");
                Add(batch, $"INSERT INTO {table} VALUES (2)");
                Assert.Equal(2, batch.ExecuteNonQuery());
                transaction.Rollback();
            }

            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table}";
            Assert.Equal(0L, count.ExecuteScalar());
        }
        finally
        {
            AdoNetProvider.Execute(connection, $"DROP TABLE {table}");
        }
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void ServerError_InSecondStatement_ArrivesUnwrapped(ProviderKind kind)
    {
        var provider = Provider(kind);
        var sql = provider.Sql;
        using var connection = provider.OpenConnection();
        using var batch = connection.CreateBatch();
        Add(batch, "SELECT 1");
        Add(batch, sql.FailingStatement.Statement);

        var error = Record.Exception(() => batch.ExecuteNonQuery());

        Assert.Equal(sql.FailingStatement.Code, sql.ErrorCode(error!));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {sql.Int("3")}";
        Assert.Equal(sql.IntValue(3), command.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void SetConnection_WhileReaderOpen_ThrowsInvalidOperation(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.OpenConnection();
        using var batch = connection.CreateBatch();
        Add(batch, "SELECT 1");
        using var reader = batch.ExecuteReader();

        if (provider.DriverDeviatesIn(DriverDeviation.BatchConnectionWhileReaderOpen))
        {
            // Accepted with the reader open; left so, disposing the reader then throws NullReferenceException.
            Assert.Null(Record.Exception(() => batch.Connection = null));
            batch.Connection = connection;
            return;
        }

        Assert.Throws<InvalidOperationException>(() => batch.Connection = null);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Execute_WithoutConnection_ThrowsInvalidOperation(ProviderKind kind)
    {
        using var batch = Provider(kind).Factory.CreateBatch();
        Add(batch, "SELECT 1");

        Assert.Throws<InvalidOperationException>(() => batch.ExecuteScalar());
    }

    private static DbParameter? Add(DbBatch batch, string sql, params object[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        DbParameter? last = null;
        foreach (var value in values)
        {
            last = command.CreateParameter();
            last.Value = value;
            command.Parameters.Add(last);
        }

        batch.BatchCommands.Add(command);
        return last;
    }
}

/// <summary><see cref="BatchConformance"/> on plain Npgsql and on the library over Npgsql (PostgreSQL kit).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraBatchConformanceTests(SharedClusterFixture fixture) : BatchConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}

/// <summary><see cref="BatchConformance"/> on plain MySqlConnector and on the library over MySqlConnector (MariaDB kit).</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class AuroraBatchOverMySqlConnectorConformanceTests(SharedMariaDbFixture fixture) : BatchConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}
