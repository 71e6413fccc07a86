using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionConnectionStringTests
{
    // No failover: the data source builds no coordinator; nothing connects until a connection opens.
    private static string Unique() => $"Host=127.0.0.1;Port=1;Username=u;Application Name={Guid.NewGuid():N};enable_failover=false";

    [Fact]
    public void New_WithoutString_IsEmptyAndOpenThrowsInvalidOperation()
    {
        using var connection = new AuroraConnection(NpgsqlDriver.Instance);

        Assert.Equal(string.Empty, connection.ConnectionString);
        Assert.Null(connection.AuroraDataSource);
        Assert.Equal(string.Empty, connection.Database);
        Assert.Equal(string.Empty, connection.DataSource);
        Assert.Contains("ConnectionString", Assert.Throws<InvalidOperationException>(() => connection.Open()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetConnectionString_SameString_SharesOneDataSource()
    {
        var connectionString = Unique();
        using var first = new AuroraConnection(connectionString, NpgsqlDriver.Instance);
        using var second = new AuroraConnection(NpgsqlDriver.Instance) { ConnectionString = connectionString };
        using var other = new AuroraConnection(Unique(), NpgsqlDriver.Instance);

        Assert.Same(first.AuroraDataSource, second.AuroraDataSource);
        Assert.NotSame(first.AuroraDataSource, other.AuroraDataSource);
        Assert.Equal(connectionString, first.ConnectionString);
        first.AuroraDataSource!.Dispose();
        other.AuroraDataSource!.Dispose();
    }

    [Fact]
    public void SharedDataSource_Disposed_IsReplacedOnNextUse()
    {
        var connectionString = Unique();
        using var first = new AuroraConnection(connectionString, NpgsqlDriver.Instance);
        var disposed = first.AuroraDataSource!;
        disposed.Dispose();

        using var second = new AuroraConnection(connectionString, NpgsqlDriver.Instance);

        Assert.NotSame(disposed, second.AuroraDataSource);
        second.AuroraDataSource!.Dispose();
    }

    [Theory]
    [InlineData("failover_timeout_sec", "soon")]
    [InlineData("failover_mode", "sideways")]
    public void SetConnectionString_BadValueOfOurKey_ThrowsArgumentNamingKeyAndValue(string key, string value)
    {
        using var connection = new AuroraConnection(NpgsqlDriver.Instance);

        var error = Assert.Throws<ArgumentException>(() => connection.ConnectionString = $"Host=127.0.0.1;{key}={value}");

        Assert.Contains(key, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, connection.ConnectionString);
    }

    [Fact]
    public void SetConnectionString_NullOrEmpty_LeavesNoDataSource()
    {
        using var connection = new AuroraConnection(Unique(), NpgsqlDriver.Instance);
        var shared = connection.AuroraDataSource!;

        connection.ConnectionString = null;

        Assert.Equal(string.Empty, connection.ConnectionString);
        Assert.Null(connection.AuroraDataSource);
        shared.Dispose();
    }

    [Fact]
    public void DataSourceConnection_SetToItsOwnString_KeepsItsDataSource()
    {
        using var dataSource = AuroraDataSource.Create(Unique(), NpgsqlDriver.Instance);
        using var connection = dataSource.CreateConnection();

        connection.ConnectionString = connection.ConnectionString;

        Assert.Same(dataSource, connection.AuroraDataSource);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }
}
