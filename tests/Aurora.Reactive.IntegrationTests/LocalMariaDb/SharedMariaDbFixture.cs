using Aurora.Reactive.Testing.LocalMariaDb;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

/// <summary>One MariaDB cluster (a writer, two readers) shared by the non-destructive MariaDB tests; every test leaves it as it found it.</summary>
public sealed class SharedMariaDbFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private LocalMariaDbCluster? cluster;

    public LocalMariaDbCluster Cluster => cluster ?? throw new InvalidOperationException("The shared MariaDB cluster is not started.");

    public async Task InitializeAsync()
    {
        cluster = await LocalMariaDbCluster.StartAsync();
        diagnostics.OnMessage(new DiagnosticMessage($"Shared 3-node MariaDB cluster started in {cluster.StartupDuration.TotalMilliseconds:0} ms."));
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
