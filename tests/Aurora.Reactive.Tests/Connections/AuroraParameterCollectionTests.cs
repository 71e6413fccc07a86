using Aurora.Reactive.Connections;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraParameterCollectionTests
{
    private static AuroraParameterCollection Collection() => new AuroraCommand().Parameters;

    [Theory]
    [InlineData("id", "@id")]
    [InlineData("@id", "id")]
    [InlineData("ID", ":id")]
    public void IndexOf_NameWithOrWithoutPrefix_FindsTheParameter(string stored, string wanted)
    {
        var parameters = Collection();
        parameters.Add(new NpgsqlParameter("other", (object)0));
        parameters.Add(new NpgsqlParameter(stored, 1));

        Assert.Equal(1, parameters.IndexOf(wanted));
        Assert.True(parameters.Contains(wanted));
    }

    [Fact]
    public void Indexer_UnknownName_ThrowsNamingIt()
    {
        var parameters = Collection();

        var error = Assert.Throws<IndexOutOfRangeException>(() => parameters["missing"]);

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_NotAParameter_ThrowsNamingTheType()
    {
        var parameters = Collection();

        var error = Assert.Throws<ArgumentException>(() => parameters.Add("text"));

        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_AddRemoveReplaceClear_ChangesEachTime()
    {
        var parameters = Collection();
        var versions = new List<int> { parameters.Version };

        parameters.Add(new NpgsqlParameter("a", 1));
        versions.Add(parameters.Version);
        parameters[0] = new NpgsqlParameter("b", 2);
        versions.Add(parameters.Version);
        parameters.RemoveAt("b");
        versions.Add(parameters.Version);
        parameters.Clear();
        versions.Add(parameters.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void BindTo_SecondCommand_ReleasesParametersFromTheFirst()
    {
        var parameters = Collection();
        var parameter = new NpgsqlParameter("a", 1);
        parameters.Add(parameter);
        using var first = new NpgsqlCommand();
        using var second = new NpgsqlCommand();
        parameters.BindTo(first, previous: null, fresh: true);

        parameters.BindTo(second, previous: first, fresh: true);

        Assert.Empty(first.Parameters);
        Assert.Same(parameter, Assert.Single(second.Parameters));
    }

    [Fact]
    public void BindTo_NoneLeft_StillReleasesTheRemovedOnesFromTheFirst()
    {
        var parameters = Collection();
        var parameter = new NpgsqlParameter("a", 1);
        parameters.Add(parameter);
        using var first = new NpgsqlCommand();
        using var second = new NpgsqlCommand();
        parameters.BindTo(first, previous: null, fresh: true);
        parameters.Clear();

        parameters.BindTo(second, previous: first, fresh: true);

        Assert.Empty(first.Parameters);
        Assert.Empty(second.Parameters);
        using var third = new NpgsqlCommand();
        third.Parameters.Add(parameter); // released: it belongs to no command any more
    }

    [Fact]
    public void AddOrInsert_Null_ThrowsArgumentNull()
    {
        var parameters = Collection();

        Assert.Throws<ArgumentNullException>(() => parameters.Add(null!));
        Assert.Throws<ArgumentNullException>(() => parameters.Insert(0, null!));
        Assert.Throws<ArgumentNullException>(() => parameters.AddRange(new object?[] { null }));
        Assert.Empty(parameters);
    }
}
