using System.Data;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.Connections.Conformance;

/// <summary>The DbParameterCollection and DbParameter contract, each assertion run on the plain driver and on this library over it, in the same run.</summary>
public abstract class ParameterCollectionConformance
{
    private protected abstract AdoNetProvider Provider(ProviderKind kind);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void AddNull_IsRefused(ProviderKind kind)
    {
        using var command = Provider(kind).Factory.CreateCommand()!;

        var added = Record.Exception(() => command.Parameters.Add(null!));
        var inserted = Record.Exception(() => command.Parameters.Insert(0, null!));

        Assert.Empty(command.Parameters);
        if (kind == ProviderKind.Aurora)
        {
            // The documented contract; Npgsql 10 throws InvalidCastException from its untyped Add/Insert instead.
            Assert.IsType<ArgumentNullException>(added);
            Assert.IsType<ArgumentNullException>(inserted);
        }
        else
        {
            Assert.NotNull(added);
            Assert.NotNull(inserted);
        }
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void CreateParameter_Defaults_AreTheDriversDefaults(ProviderKind kind)
    {
        using var command = Provider(kind).Factory.CreateCommand()!;

        var parameter = command.CreateParameter();

        Assert.Equal(DataRowVersion.Current, parameter.SourceVersion);
        Assert.Equal(ParameterDirection.Input, parameter.Direction);
        Assert.Equal(string.Empty, parameter.ParameterName);
        Assert.Equal(string.Empty, parameter.SourceColumn);
        Assert.Null(parameter.Value);
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void FactoryParameter_SourceVersion_DefaultsToCurrent(ProviderKind kind) =>
        Assert.Equal(DataRowVersion.Current, Provider(kind).Factory.CreateParameter()!.SourceVersion);

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void AddRemoveIndexOf_WorkByObjectAndName(ProviderKind kind)
    {
        using var command = Provider(kind).Factory.CreateCommand()!;
        var first = command.CreateParameter();
        first.ParameterName = "first";
        var second = command.CreateParameter();
        second.ParameterName = "second";

        command.Parameters.Add(first);
        command.Parameters.Insert(0, second);

        Assert.Equal(0, command.Parameters.IndexOf(second));
        Assert.Equal(1, command.Parameters.IndexOf("first"));
        Assert.True(command.Parameters.Contains(first));
        command.Parameters.Remove(second);
        Assert.Same(first, Assert.Single(command.Parameters));
    }

    [Theory]
    [MemberData(nameof(AdoNetProvider.Both), MemberType = typeof(AdoNetProvider))]
    public void Parameter_ValueAndOutput_RoundTrip(ProviderKind kind)
    {
        var provider = Provider(kind);
        var sql = provider.Sql;
        using var connection = provider.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {sql.Int("@value")} + 1";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "value";
        parameter.Value = 41;
        command.Parameters.Add(parameter);

        Assert.Equal(sql.IntValue(42), command.ExecuteScalar());
        parameter.Value = 1;
        Assert.Equal(sql.IntValue(2), command.ExecuteScalar());
    }
}

/// <summary><see cref="ParameterCollectionConformance"/> on plain Npgsql and on the library over Npgsql (PostgreSQL kit).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraParameterCollectionConformanceTests(SharedClusterFixture fixture) : ParameterCollectionConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}

/// <summary><see cref="ParameterCollectionConformance"/> on plain MySqlConnector and on the library over MySqlConnector (MariaDB kit).</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class AuroraParameterCollectionOverMySqlConnectorConformanceTests(SharedMariaDbFixture fixture) : ParameterCollectionConformance
{
    private protected override AdoNetProvider Provider(ProviderKind kind) => AdoNetProvider.For(kind, fixture.Cluster);
}
