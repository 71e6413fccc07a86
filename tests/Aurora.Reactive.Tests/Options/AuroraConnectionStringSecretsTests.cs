using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class AuroraConnectionStringSecretsTests
{
    private const string Secret = "S3cr3t-Pa55";
    private const string ClusterHost = "orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com";

    [Theory]
    [InlineData("Password")]
    [InlineData("password")]
    [InlineData("PWD")]
    [InlineData("Pwd")]
    [InlineData("SSL Password")]
    [InlineData("SslKeyPassword")]
    [InlineData("monitoring_password")]
    [InlineData("Monitoring Password")]
    public void ToString_PasswordKey_IsMasked(string key)
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};Username=app;{key}={Secret}");

        var text = parsed.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, parsed.Options.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.Contains("username=app", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DriverAndMonitoringStrings_KeepThePasswordForTheDriver()
    {
        var parsed = AuroraConnectionString.Parse($"Host={ClusterHost};Password={Secret};monitoring_Timeout=2");

        Assert.Contains(Secret, parsed.DriverConnectionString, StringComparison.Ordinal);
        Assert.Contains(Secret, parsed.MonitoringConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failover_mode=bogus")]
    [InlineData("failover_timeout_sec=-1")]
    [InlineData("plugins=efm")]
    [InlineData("cluster_instance_host_pattern=nope")]
    [InlineData("cluster_instance_endpoints=x")]
    [InlineData("Port=abc")]
    [InlineData("monitoring_=1")]
    [InlineData("failover_mode=a;Failover Mode=b")]
    public void Parse_AnyError_NeverShowsThePassword(string badPart)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            AuroraConnectionString.Parse($"Host={ClusterHost};Password={Secret};{badPart};pwd={Secret}"));

        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=10.0.0.1;Password={0}")]
    [InlineData("Password={0};Username=app")]
    [InlineData("Host=a;Password='{0};broken")]
    [InlineData("Host=a;Password={0};broken")]
    [InlineData("Host=a;Password=\"{0};x=1")]
    public void Parse_StructuralError_NeverShowsThePassword(string template)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => AuroraConnectionString.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Secret)));

        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }
}
