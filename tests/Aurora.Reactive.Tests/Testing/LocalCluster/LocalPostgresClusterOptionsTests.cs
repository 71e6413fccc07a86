using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class LocalPostgresClusterOptionsTests
{
    [Fact]
    public void Validate_Defaults_PassesWithOneWriterAndTwoReaders()
    {
        var options = new LocalPostgresClusterOptions();

        options.Validate();

        Assert.Equal(["instance-1", "instance-2", "instance-3"], options.ResolveInstanceIds());
        Assert.Equal(TimeSpan.FromSeconds(5), options.EndpointRepointDelay);
        Assert.Equal(TimeSpan.Zero, options.TopologyPublicationDelay);
        Assert.False(options.SynchronousReplication);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void Validate_ReaderCountOutOfRange_ThrowsNamingTheOptionAndValue(int readerCount)
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { ReaderCount = readerCount }.Validate());

        Assert.Contains($"ReaderCount is {readerCount}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad_id")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("")]
    [InlineData("a.b")]
    public void Validate_InstanceIdNotADnsLabel_ThrowsNamingTheId(string badId)
    {
        var options = new LocalPostgresClusterOptions { ReaderCount = 1, InstanceIds = ["writer-a", badId] };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains($"InstanceIds contains '{badId}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InstanceIdOf64Characters_ThrowsAsNotADnsLabel()
    {
        var longId = new string('a', 64);

        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { ReaderCount = 0, InstanceIds = [longId] }.Validate());

        Assert.Contains(longId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InstanceIdCountNotReaderCountPlusOne_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { ReaderCount = 2, InstanceIds = ["a", "b"] }.Validate());

        Assert.Contains("InstanceIds has 2 ids (a, b)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReaderCount 2 needs 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateInstanceIdsDifferingInCase_ThrowsNamingTheId()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { ReaderCount = 1, InstanceIds = ["db-1", "DB-1"] }.Validate());

        Assert.Contains("'DB-1' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativePublicationDelay_ThrowsNamingTheOptionAndValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { TopologyPublicationDelay = TimeSpan.FromSeconds(-1) }.Validate());

        Assert.Equal("TopologyPublicationDelay", error.ParamName);
        Assert.Contains("-00:00:01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroStartupTimeout_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { StartupTimeout = TimeSpan.Zero }.Validate());

        Assert.Equal("StartupTimeout", error.ParamName);
    }

    [Fact]
    public void Validate_EndpointDelayOverAnHour_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalPostgresClusterOptions { EndpointRepointDelay = TimeSpan.FromHours(2) }.Validate());

        Assert.Equal("EndpointRepointDelay", error.ParamName);
    }

    [Theory]
    [InlineData("port")]
    [InlineData("primary_conninfo")]
    [InlineData("aurora.instance_id")]
    [InlineData("not a name")]
    public void Validate_ServerSettingTheKitOwnsOrMalformed_ThrowsNamingTheKey(string key)
    {
        var options = new LocalPostgresClusterOptions();
        options.ServerSettings[key] = "1";

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains($"key '{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ServerSettingValueWithNewline_ThrowsNamingTheKey()
    {
        var options = new LocalPostgresClusterOptions();
        options.ServerSettings["work_mem"] = "4MB\nport = 1";

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("value of 'work_mem'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_OriginalChangedAfterwards_CopyKeepsTheOldValues()
    {
        var original = new LocalPostgresClusterOptions { ReaderCount = 1, InstanceIds = ["a", "b"] };
        original.ServerSettings["work_mem"] = "4MB";

        var copy = original.Clone();
        original.ReaderCount = 5;
        original.ServerSettings["work_mem"] = "8MB";

        Assert.Equal(1, copy.ReaderCount);
        Assert.Equal("4MB", copy.ServerSettings["work_mem"]);
        Assert.Equal(["a", "b"], copy.ResolveInstanceIds());
    }
}
