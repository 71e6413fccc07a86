using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The DbCommand contract, each assertion run on the plain driver and on this library over it, in the same run.</summary>
public abstract class CommandConformance
{
    private protected abstract AdoNetProvider Provider(ProviderKind kind);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void SetConnection_WhileReaderOpen_ThrowsInvalidOperation(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.OpenConnection();
        using var other = provider.CreateConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        using var reader = command.ExecuteReader();

        Assert.Throws<InvalidOperationException>(() => command.Connection = other);
        Assert.Throws<InvalidOperationException>(() => command.Connection = null);
        Assert.Same(connection, command.Connection);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task SetConnection_AfterReaderClosed_Works(ProviderKind kind)
    {
        var provider = Provider(kind);
        await using var connection = provider.OpenConnection();
        await using var other = provider.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {provider.Sql.Int("1")}";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
        }

        command.Connection = other;

        Assert.Equal(provider.Sql.IntValue(1), await command.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Execute_WithoutConnection_ThrowsInvalidOperation(ProviderKind kind)
    {
        using var command = Provider(kind).Factory.CreateCommand()!;
        command.CommandText = "SELECT 1";

        Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Execute_OnClosedConnection_ThrowsInvalidOperation(ProviderKind kind)
    {
        using var connection = Provider(kind).CreateConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
    }
}

/// <summary><see cref="CommandConformance"/> on plain Npgsql and on the library over Npgsql (PostgreSQL kit).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraCommandConformanceTests(SharedClusterFixture fixture) : CommandConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}

/// <summary><see cref="CommandConformance"/> on plain MySqlConnector and on the library over MySqlConnector (MariaDB kit).</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class AuroraCommandOverMySqlConnectorConformanceTests(SharedMariaDbFixture fixture) : CommandConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}
