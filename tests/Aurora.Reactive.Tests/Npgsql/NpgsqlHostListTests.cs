using Aurora.Reactive.Hosts;
using Aurora.Reactive.Npgsql;

namespace Aurora.Reactive.Tests.Npgsql;

public sealed class NpgsqlHostListTests
{
    [Theory]
    [InlineData("db.example.com", "db.example.com", 5432)]
    [InlineData("db.example.com:6000", "db.example.com", 6000)]
    [InlineData("[::1]:6001", "::1", 6001)]
    [InlineData("[::1]", "::1", 5432)]
    [InlineData("::1", "::1", 5432)]
    public void Parse_Entry_GivesHostAndPort(string entry, string host, int port) =>
        Assert.Equal(new HostSpec(host, port), NpgsqlHostList.Parse(entry, 5432));

    [Fact]
    public void Parse_PortNotANumber_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => NpgsqlHostList.Parse("db:abc", 5432));

        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
    }
}
