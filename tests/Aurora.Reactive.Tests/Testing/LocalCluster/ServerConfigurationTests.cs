using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class ServerConfigurationTests
{
    [Fact]
    public void Format_ValueWithAQuote_QuotesTheValueAndDoublesTheQuote()
    {
        Assert.Equal("application_name = 'it''s'\nport = '5432'\n", ServerConfiguration.Format([new("application_name", "it's"), new("port", "5432")]));
    }

    [Fact]
    public void NodeSettings_Standby_NamesItselfToItsPrimary()
    {
        var settings = ServerConfiguration.NodeSettings("instance-2", 6000, 5000, [], []).ToDictionary();

        Assert.Equal("6000", settings["port"]);
        Assert.Equal("instance-2", settings["aurora.instance_id"]);
        Assert.Equal("aurora_stat_utils", settings["rds.extensions"]);
        Assert.Equal("host=127.0.0.1 port=5000 user=postgres application_name=instance-2 connect_timeout=2", settings["primary_conninfo"]);
        Assert.False(settings.ContainsKey("synchronous_standby_names"));
    }

    [Fact]
    public void NodeSettings_PrimaryWithSynchronousReplication_WaitsForAnyOneStandbyByQuotedName()
    {
        var settings = ServerConfiguration.NodeSettings("instance-1", 5000, null, ["instance-1", "instance-2"], [new("work_mem", "8MB")]).ToDictionary();

        Assert.Equal("ANY 1 (\"instance-1\",\"instance-2\")", settings["synchronous_standby_names"]);
        Assert.False(settings.ContainsKey("primary_conninfo"));
        Assert.Equal("8MB", settings["work_mem"]);
    }
}
