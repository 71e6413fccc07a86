using Aurora.Reactive.Drivers;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.MySql;
using MySql.Data.MySqlClient;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>Server errors of a healthy cluster, as MySql.Data raises them: read-only replicas and ordinary errors.</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class ServerErrorClassificationTests(SharedMariaDbFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task WriteOnAReader_Error1290_IsReadOnlyNode()
    {
        var error = await Assert.ThrowsAsync<MySqlException>(() => MariaDb.ExecuteAsync(fixture.Cluster.Readers[0].ConnectionString, "CREATE TABLE refused_here (id INT)"));

        output.WriteLine(RealErrorClassificationTests.Describe(error));
        Assert.Equal(DriverErrorKind.ReadOnlyNode, MySqlErrorClassifier.Instance.Classify(error));
    }

    [Fact]
    public async Task DuplicateKeyAndSyntaxError_AreNotFailover()
    {
        var cluster = fixture.Cluster;
        var table = MariaDb.UniqueTable("dup");
        await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"CREATE TABLE {table} (id INT PRIMARY KEY); INSERT INTO {table} VALUES (1)");
        try
        {
            var duplicate = await Assert.ThrowsAsync<MySqlException>(() => MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"INSERT INTO {table} VALUES (1)"));
            var syntax = await Assert.ThrowsAsync<MySqlException>(() => MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, "SELEC 1"));

            Assert.Equal(1062, duplicate.Number);
            Assert.Equal(DriverErrorKind.NotFailover, MySqlErrorClassifier.Instance.Classify(duplicate));
            Assert.Equal(DriverErrorKind.NotFailover, MySqlErrorClassifier.Instance.Classify(syntax));
        }
        finally
        {
            await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"DROP TABLE {table}");
        }
    }
}
