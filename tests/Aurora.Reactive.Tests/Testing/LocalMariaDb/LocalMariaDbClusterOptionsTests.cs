using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.Tests.Testing.LocalMariaDb;

public sealed class LocalMariaDbClusterOptionsTests
{
    [Fact]
    public void Validate_Defaults_GiveAWriterAndTwoReadersWithTheDnsLagOfAurora()
    {
        var options = new LocalMariaDbClusterOptions();

        options.Validate();

        Assert.Equal(["instance-1", "instance-2", "instance-3"], options.ResolveInstanceIds());
        Assert.Equal(TimeSpan.FromSeconds(5), options.EndpointRepointDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.StartupTimeout);
    }

    [Fact]
    public void Validate_TooManyReaders_ThrowsNamingTheOptionAndValue() =>
        Assert.Contains("ReaderCount is 16", Assert.Throws<ArgumentException>(() => new LocalMariaDbClusterOptions { ReaderCount = 16 }.Validate()).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_InstanceIdCountNotMatchingTheReaders_ThrowsListingTheIds()
    {
        var options = new LocalMariaDbClusterOptions { ReaderCount = 2, InstanceIds = ["alpha", "beta"] };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("alpha, beta", error.Message, StringComparison.Ordinal);
        Assert.Equal("InstanceIds", error.ParamName);
    }

    [Fact]
    public void Validate_ZeroStartupTimeout_ThrowsNamingIt() =>
        Assert.Equal("StartupTimeout", Assert.Throws<ArgumentException>(() => new LocalMariaDbClusterOptions { StartupTimeout = TimeSpan.Zero }.Validate()).ParamName);

    [Fact]
    public void Clone_LaterChanges_DoNotReachTheCopy()
    {
        var ids = new List<string> { "w", "r" };
        var options = new LocalMariaDbClusterOptions { ReaderCount = 1, InstanceIds = ids, TopologyPublicationDelay = TimeSpan.FromSeconds(1) };

        var copy = options.Clone();
        ids[1] = "changed";
        options.TopologyPublicationDelay = TimeSpan.Zero;

        Assert.Equal(["w", "r"], copy.ResolveInstanceIds());
        Assert.Equal(TimeSpan.FromSeconds(1), copy.TopologyPublicationDelay);
    }
}
