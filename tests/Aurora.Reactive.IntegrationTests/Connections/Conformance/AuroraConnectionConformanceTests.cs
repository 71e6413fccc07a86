using System.Data;
using System.Data.Common;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The DbConnection contract, each assertion run on the plain driver and on this library over it, in the same run.</summary>
public abstract class ConnectionConformance
{
    private protected abstract AdoNetProvider Provider(ProviderKind kind);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void CreateConnection_WithoutString_IsEmptyAndClosed(ProviderKind kind)
    {
        using var connection = Provider(kind).Factory.CreateConnection()!;

        Assert.Equal(string.Empty, connection.ConnectionString);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Open_WithoutString_ThrowsInvalidOperation(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.Factory.CreateConnection()!;

        if (provider.DriverDeviatesIn(DriverDeviation.OpenWithoutString))
        {
            Assert.IsAssignableFrom<DbException>(Record.Exception(() => connection.Open()));
            return;
        }

        Assert.Throws<InvalidOperationException>(() => connection.Open());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void SetConnectionString_Malformed_ThrowsArgumentException(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.Factory.CreateConnection()!;

        if (provider.DriverDeviatesIn(DriverDeviation.MalformedStringAccepted))
        {
            Assert.Null(Record.Exception(() => connection.ConnectionString = "invalid"));
            return;
        }

        Assert.Throws<ArgumentException>(() => connection.ConnectionString = "invalid");
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void SetConnectionString_WhileOpen_ThrowsInvalidOperation(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.OpenConnection();

        Assert.Throws<InvalidOperationException>(() => connection.ConnectionString = provider.ConnectionString + ";Command Timeout=17");
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void SetConnectionString_WhenClosed_OpensWithIt(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.Factory.CreateConnection()!;

        connection.ConnectionString = provider.ConnectionString;
        connection.Open();

        using var command = connection.CreateCommand();
        command.CommandText = provider.Sql.SessionMarker.Query;
        Assert.Equal(provider.Sql.SessionMarker.Answer, command.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task OpenAndClose_RaiseStateChange_ClosedOpenClosed(ProviderKind kind)
    {
        var provider = Provider(kind);
        await using var connection = provider.CreateConnection();
        var changes = new List<(ConnectionState From, ConnectionState To)>();
        connection.StateChange += (_, e) => changes.Add((e.OriginalState, e.CurrentState));

        connection.Open();
        connection.Close();
        await connection.OpenAsync();
        await connection.CloseAsync();

        if (provider.DriverDeviatesIn(DriverDeviation.StateChangeReportsConnecting))
        {
            Assert.Equal(
                [
                    (ConnectionState.Closed, ConnectionState.Connecting), (ConnectionState.Connecting, ConnectionState.Open), (ConnectionState.Open, ConnectionState.Closed),
                    (ConnectionState.Closed, ConnectionState.Connecting), (ConnectionState.Connecting, ConnectionState.Open), (ConnectionState.Open, ConnectionState.Closed),
                ],
                changes);
            return;
        }

        Assert.Equal(
            [
                (ConnectionState.Closed, ConnectionState.Open), (ConnectionState.Open, ConnectionState.Closed),
                (ConnectionState.Closed, ConnectionState.Open), (ConnectionState.Open, ConnectionState.Closed),
            ],
            changes);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Dispose_OpenConnection_RaisesOpenToClosed(ProviderKind kind)
    {
        var connection = Provider(kind).OpenConnection();
        var changes = new List<(ConnectionState From, ConnectionState To)>();
        connection.StateChange += (_, e) => changes.Add((e.OriginalState, e.CurrentState));

        connection.Dispose();

        Assert.Equal([(ConnectionState.Open, ConnectionState.Closed)], changes);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void ProviderFactory_OfConnection_IsTheProvidersFactory(ProviderKind kind)
    {
        var provider = Provider(kind);
        using var connection = provider.CreateConnection();

        var factory = DbProviderFactories.GetFactory(connection);

        Assert.Same(provider.Factory, factory);
        Assert.IsType(connection.GetType(), factory!.CreateConnection());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void CanCreateBatch_IsTrue(ProviderKind kind)
    {
        using var connection = Provider(kind).CreateConnection();

        Assert.True(connection.CanCreateBatch);
        Assert.NotNull(connection.CreateBatch());
    }
}

/// <summary><see cref="ConnectionConformance"/> on plain Npgsql and on the library over Npgsql (PostgreSQL kit).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraConnectionConformanceTests(SharedClusterFixture fixture) : ConnectionConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}

/// <summary><see cref="ConnectionConformance"/> on plain MySqlConnector and on the library over MySqlConnector (MariaDB kit).</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class AuroraConnectionOverMySqlConnectorConformanceTests(SharedMariaDbFixture fixture) : ConnectionConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}
