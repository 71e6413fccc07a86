using System.Data.Common;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>DbBatch contract, asserted on NpgsqlBatch and on AuroraBatch in the same run.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraBatchConformanceTests(SharedClusterFixture fixture)
{
    private AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task ExecuteNonQuery_CountsRowsPerStatementAndInTotal(ProviderKind kind)
    {
        await using var connection = Provider(kind).OpenConnection();
        var table = AdoNetProvider.TableName("batch");
        AdoNetProvider.Execute(connection, $"CREATE TABLE {table} (id int)");
        try
        {
            await using var batch = connection.CreateBatch();
            Add(batch, $"INSERT INTO {table} VALUES ($1), ($2)", 1, 2);
            Add(batch, $"INSERT INTO {table} VALUES ($1)", 3);
            Add(batch, $"DELETE FROM {table} WHERE id = $1", 1);

            Assert.Equal(4, await batch.ExecuteNonQueryAsync());
            Assert.Equal([2, 1, 1], batch.BatchCommands.Select(c => c.RecordsAffected));
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
        await using var connection = Provider(kind).OpenConnection();
        await using var batch = connection.CreateBatch();
        Add(batch, "SELECT $1::int", 1);
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
        using var connection = Provider(kind).OpenConnection();
        using var batch = connection.CreateBatch();
        var parameter = Add(batch, "SELECT $1::int * 2", 21);

        Assert.Equal(42, batch.ExecuteScalar());
        parameter!.Value = 5;
        Assert.Equal(10, batch.ExecuteScalar());
        batch.BatchCommands[0].CommandText = "SELECT $1::int * 3";
        Assert.Equal(15, batch.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Prepare_ThenRun_Works(ProviderKind kind)
    {
        using var connection = Provider(kind).OpenConnection();
        using var batch = connection.CreateBatch();
        Add(batch, "SELECT $1::int + 1", 1);

        batch.Prepare();

        Assert.Equal(2, batch.ExecuteScalar());
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
        using var connection = Provider(kind).OpenConnection();
        using var batch = connection.CreateBatch();
        Add(batch, "SELECT 1");
        Add(batch, "SELECT 1/0");

        var error = Assert.Throws<PostgresException>(() => batch.ExecuteNonQuery());

        Assert.Equal("22012", error.SqlState);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 3";
        Assert.Equal(3, command.ExecuteScalar());
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
