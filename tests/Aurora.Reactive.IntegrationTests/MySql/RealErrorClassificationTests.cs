using Aurora.Reactive.Drivers;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.MySql;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySql.Data.MySqlClient;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>The classifier judges the exceptions MySql.Data really raises against real MariaDB servers in each failure.</summary>
[Collection(DestructiveMariaDbCollection.Name)]
public sealed class RealErrorClassificationTests(ITestOutputHelper output)
{
    private static readonly MySqlErrorClassifier Classifier = MySqlErrorClassifier.Instance;

    [Fact]
    public async Task ServerKilled_BetweenStatements_TheNextStatementsErrorIsNodeUnavailable()
    {
        await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 0 });
        await using var connection = await MariaDb.OpenAsync(cluster.Writer.ConnectionString);
        await MariaDb.ScalarAsync(connection, "SELECT 1");

        await cluster.CrashAsync(cluster.Writer);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => MariaDb.ScalarAsync(connection, "SELECT 1"));
        output.WriteLine(Describe(error));
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(error));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => MariaDb.OpenAsync(cluster.Writer.ConnectionString, connectTimeoutSeconds: 2));
        output.WriteLine(Describe(refused));
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(refused));
    }

    [Fact]
    public async Task ServerKilled_DuringALongQuery_TheQuerysErrorIsNodeUnavailable()
    {
        await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 0 });
        await using var connection = await MariaDb.OpenAsync(cluster.Writer.ConnectionString);
        // MySql.Data 8.0's async methods complete synchronously: the query gets a thread of its own.
        var sleeping = Task.Run(() => MariaDb.ScalarAsync(connection, "SELECT SLEEP(60)", commandTimeoutSeconds: 90));
        await WaitUntilRunningAsync(cluster.Writer.ServerConnectionString, "SELECT SLEEP(60)");

        await cluster.CrashAsync(cluster.Writer);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sleeping);
        output.WriteLine(Describe(error));
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(error));
    }

    [Fact]
    public async Task FrozenServer_CommandTimeout_IsNodeUnavailable()
    {
        await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 0 });
        await using var connection = await MariaDb.OpenAsync(cluster.Writer.ConnectionString);
        await cluster.FreezeAsync(cluster.Writer);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => MariaDb.ScalarAsync(connection, "SELECT 1", commandTimeoutSeconds: 1));

        output.WriteLine(Describe(error));
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(error));
    }

    private static async Task WaitUntilRunningAsync(string connectionString, string query)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var running = Convert.ToInt64(
                await MariaDb.ScalarAsync(connectionString, $"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = '{query}'"),
                System.Globalization.CultureInfo.InvariantCulture);
            if (running > 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        throw new TimeoutException($"'{query}' never showed in the process list.");
    }

    internal static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            parts.Add(current is MySqlException mysql ? $"{current.GetType().Name}(Number={mysql.Number}, Code={mysql.Code}, SqlState={mysql.SqlState}): {mysql.Message}" : $"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" <- ", parts);
    }
}
