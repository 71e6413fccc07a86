using Aurora.Reactive.IntegrationTests.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>DbCommand contract, asserted on plain Npgsql and on AuroraCommand in the same run.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraCommandConformanceTests(SharedClusterFixture fixture)
{
    private AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);

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
        command.CommandText = "SELECT 1";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
        }

        command.Connection = other;

        Assert.Equal(1, await command.ExecuteScalarAsync());
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
