using Aurora.Reactive.Client;
using Aurora.Reactive.Tests.Connections.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aurora.Reactive.Tests.Client;

public sealed class AuroraClientServiceCollectionExtensionsTests
{
    private const string ConnectionString = "Host=db.cluster-abc123.us-east-1.rds.amazonaws.com;Port=5432;failover_timeout_sec=42";

    [Fact]
    public async Task AddAuroraClient_Resolved_BuildsOneSingletonClientWithTheConnectionStringsTimeout()
    {
        var services = new ServiceCollection();
        var configured = 0;
        services.AddAuroraClient(ConnectionString, new FakeDriver(), builder =>
        {
            configured++;
            builder.WithoutClusterMonitors();
        });

        var descriptor = Assert.Single(services);
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.Equal(typeof(AuroraClient), descriptor.ServiceType);
        await using var client = (AuroraClient)descriptor.ImplementationFactory!(new LoggerOnlyProvider());

        Assert.Equal(TimeSpan.FromSeconds(42), client.Options.FailoverTimeout);
        Assert.Equal(1, configured);
    }

    [Fact]
    public void AddAuroraClient_CalledTwice_KeepsTheFirstRegistration()
    {
        var services = new ServiceCollection();

        services.AddAuroraClient(ConnectionString, new FakeDriver()).AddAuroraClient(ConnectionString, new FakeDriver());

        Assert.Single(services);
    }

    [Fact]
    public void AddAuroraClient_NullDriver_ThrowsNamingTheArgument()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddAuroraClient(ConnectionString, null!));

        Assert.Equal("driver", error.ParamName);
    }

    private sealed class LoggerOnlyProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ILoggerFactory) ? NullLoggerFactory.Instance : null;
    }
}
