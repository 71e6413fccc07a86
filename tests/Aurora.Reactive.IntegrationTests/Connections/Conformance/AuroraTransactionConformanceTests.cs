using Aurora.Reactive.IntegrationTests.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>DbTransaction contract, asserted on plain Npgsql and on AuroraTransaction in the same run.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraTransactionConformanceTests(SharedClusterFixture fixture)
{
    private AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);

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
