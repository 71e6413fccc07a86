using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Tests.Connections.Fakes;
using Npgsql;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class MonitoringConnectionOpenerTests
{
    private static readonly HostSpec Other = new("node-2.example.com", 5433);

    [Fact]
    public void TryCreate_Npgsql_UnpooledOnTheHostWithCredentialsTlsAndApplicationName()
    {
        var opener = MonitoringConnectionOpener.TryCreate(
            new NpgsqlConnection(), "Host=node-1;Username=app;Password=pw;SSL Mode=Require;Application Name=shop", "aurora-monitor", TimeSpan.FromSeconds(2.5))!;

        var settings = new NpgsqlConnectionStringBuilder(opener.ConnectionStringFor(Other));

        Assert.Equal(ProbeMethod.SelectOne, opener.DefaultProbe);
        Assert.Equal("node-2.example.com", settings.Host);
        Assert.Equal(5433, settings.Port);
        Assert.False(settings.Pooling);
        Assert.Equal("app", settings.Username);
        Assert.Equal("pw", settings.Password);
        Assert.Equal(SslMode.Require, settings.SslMode);
        Assert.Equal("aurora-monitor", settings.ApplicationName);
    }

    [Fact]
    public void TryCreate_InfiniteTimeouts_AreBoundedByTheProbeTimeout()
    {
        var opener = MonitoringConnectionOpener.TryCreate(new NpgsqlConnection(), "Host=node-1;Timeout=0;Command Timeout=0", null, TimeSpan.FromSeconds(2.5))!;

        var settings = new NpgsqlConnectionStringBuilder(opener.ConnectionStringFor(Other));

        Assert.Equal(3, settings.Timeout);
        Assert.Equal(3, settings.CommandTimeout);
    }

    [Fact]
    public void TryCreate_TimeoutsTheUserSet_AreKept()
    {
        var opener = MonitoringConnectionOpener.TryCreate(new NpgsqlConnection(), "Host=node-1;Timeout=7;Command Timeout=9", null, TimeSpan.FromSeconds(1))!;

        var settings = new NpgsqlConnectionStringBuilder(opener.ConnectionStringFor(Other));

        Assert.Equal(7, settings.Timeout);
        Assert.Equal(9, settings.CommandTimeout);
    }

    [Fact]
    public void TryCreate_UnknownDriver_ReturnsNull() =>
        Assert.Null(MonitoringConnectionOpener.TryCreate(new FakeDbConnection(new FakeConnectionFactory("n1:5432"), new HostSpec("n1", 5432)), "n1", null, TimeSpan.FromSeconds(1)));
}
