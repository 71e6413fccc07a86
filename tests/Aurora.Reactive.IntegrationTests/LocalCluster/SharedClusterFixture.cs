using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

/// <summary>One cluster (a writer, two readers) shared by the non-destructive tests; every test leaves it as it found it.</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    private LocalPostgresCluster? cluster;

    public LocalPostgresCluster Cluster => cluster ?? throw new InvalidOperationException("The shared cluster is not started.");

    public async Task InitializeAsync() => cluster = await LocalPostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
