using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The DbTransaction contract, each assertion run on the plain driver and on this library over it, in the same run.</summary>
public abstract class TransactionConformance
{
    private protected abstract AdoNetProvider Provider(ProviderKind kind);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Commit_Twice_ThrowsInvalidOperation(ProviderKind kind)
    {
        using var connection = Provider(kind).OpenConnection();
        using var transaction = connection.BeginTransaction();
        transaction.Commit();

        AssertInvalidOperation(transaction.Commit);
        AssertInvalidOperation(transaction.Rollback);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task Rollback_Twice_ThrowsInvalidOperation(ProviderKind kind)
    {
        await using var connection = Provider(kind).OpenConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.RollbackAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.RollbackAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Commit_AfterDispose_ThrowsObjectDisposed(ProviderKind kind)
    {
        using var connection = Provider(kind).OpenConnection();
        var transaction = connection.BeginTransaction();
        transaction.Dispose();

        Assert.Throws<ObjectDisposedException>(transaction.Commit);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Rollback_UndoesWork(ProviderKind kind)
    {
        using var connection = Provider(kind).OpenConnection();
        var table = AdoNetProvider.TableName("tx");
        AdoNetProvider.Execute(connection, $"CREATE TABLE {table} (id int)");
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {table} VALUES (1)";
                insert.ExecuteNonQuery();
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

    // Exactly InvalidOperationException: ObjectDisposedException derives from it, and is what a disposed transaction throws.
    private static void AssertInvalidOperation(Action action) => Assert.Throws<InvalidOperationException>(action);
}

/// <summary><see cref="TransactionConformance"/> on plain Npgsql and on the library over Npgsql (PostgreSQL kit).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraTransactionConformanceTests(SharedClusterFixture fixture) : TransactionConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}

/// <summary><see cref="TransactionConformance"/> on plain MySqlConnector and on the library over MySqlConnector (MariaDB kit).</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class AuroraTransactionOverMySqlConnectorConformanceTests(SharedMariaDbFixture fixture) : TransactionConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}
