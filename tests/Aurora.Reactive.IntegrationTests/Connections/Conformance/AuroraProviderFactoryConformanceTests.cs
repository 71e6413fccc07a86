using System.Data;
using System.Data.Common;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The DbProviderFactory contract, each assertion run on the plain driver and on this library over it, in the same run.</summary>
public abstract class ProviderFactoryConformance
{
    private protected abstract AdoNetProvider Provider(ProviderKind kind);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Create_EveryObject_Works(ProviderKind kind)
    {
        var factory = Provider(kind).Factory;

        Assert.NotNull(factory.CreateConnection());
        Assert.NotNull(factory.CreateCommand());
        Assert.NotNull(factory.CreateParameter());
        Assert.NotNull(factory.CreateConnectionStringBuilder());
        Assert.True(factory.CanCreateBatch);
        Assert.NotNull(factory.CreateBatch());
        Assert.NotNull(factory.CreateBatchCommand());
        Assert.True(factory.CanCreateCommandBuilder);
        Assert.NotNull(factory.CreateCommandBuilder());
        Assert.True(factory.CanCreateDataAdapter);
        Assert.NotNull(factory.CreateDataAdapter());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void ConnectionStringBuilder_TakesTheProvidersString(ProviderKind kind)
    {
        var provider = Provider(kind);
        var builder = provider.Factory.CreateConnectionStringBuilder()!;

        builder.ConnectionString = provider.ConnectionString;
        using var connection = provider.Factory.CreateConnection()!;
        connection.ConnectionString = builder.ConnectionString;
        connection.Open();

        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void RegisteredByName_IsFoundAgain(ProviderKind kind)
    {
        var factory = Provider(kind).Factory;
        var name = "conformance." + kind;

        DbProviderFactories.RegisterFactory(name, factory);

        Assert.Same(factory, DbProviderFactories.GetFactory(name));
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public async Task CreateDataSource_RunsCommandsAndBatches(ProviderKind kind)
    {
        var provider = Provider(kind);
        await using var dataSource = provider.Factory.CreateDataSource(provider.ConnectionString);

        var sql = provider.Sql;
        await using var command = dataSource.CreateCommand($"SELECT {sql.Int("7")}");
        Assert.Equal(sql.IntValue(7), await command.ExecuteScalarAsync());
        await using var batch = dataSource.CreateBatch();
        if (provider.DriverDeviatesIn(DriverDeviation.DataSourceBatchCommand))
        {
            Assert.Throws<NotImplementedException>(() => batch.CreateBatchCommand());
            return;
        }

        var select = batch.CreateBatchCommand();
        select.CommandText = $"SELECT {sql.Int("8")}";
        batch.BatchCommands.Add(select);
        Assert.Equal(sql.IntValue(8), await batch.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void DataAdapterAndCommandBuilder_FillAndUpdate(ProviderKind kind)
    {
        var provider = Provider(kind);
        var factory = provider.Factory;
        using var connection = provider.OpenConnection();
        var table = AdoNetProvider.TableName("adapter");
        AdoNetProvider.Execute(connection, $"CREATE TABLE {table} (id int PRIMARY KEY, name text NOT NULL); INSERT INTO {table} VALUES (1, 'one')");
        try
        {
            using var adapter = factory.CreateDataAdapter()!;
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT id, name FROM {table}";
            adapter.SelectCommand = select;
            using var builder = factory.CreateCommandBuilder()!;
            builder.DataAdapter = adapter;
            var rows = new DataTable();

            Assert.Equal(1, adapter.Fill(rows));
            rows.Rows[0]["name"] = "uno";
            rows.Rows.Add(2, "two");
            Assert.Equal(2, adapter.Update(rows));

            using var check = connection.CreateCommand();
            check.CommandText = $"SELECT {provider.Sql.JoinedByComma("name", "id")} FROM {table}";
            Assert.Equal("uno,two", check.ExecuteScalar());
            Assert.Equal(provider.Sql.QuotedAB, builder.QuoteIdentifier("a b"));
        }
        finally
        {
            AdoNetProvider.Execute(connection, $"DROP TABLE {table}");
        }
    }
}

/// <summary><see cref="ProviderFactoryConformance"/> on plain Npgsql and on the library over Npgsql (PostgreSQL kit).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraProviderFactoryConformanceTests(SharedClusterFixture fixture) : ProviderFactoryConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}

/// <summary><see cref="ProviderFactoryConformance"/> on plain MySqlConnector and on the library over MySqlConnector (MariaDB kit).</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class AuroraProviderFactoryOverMySqlConnectorConformanceTests(SharedMariaDbFixture fixture) : ProviderFactoryConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}
