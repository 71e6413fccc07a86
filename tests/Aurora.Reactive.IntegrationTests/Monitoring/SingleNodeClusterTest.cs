using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>Starts a one-node cluster of its own for every test (faults must not reach other tests).</summary>
public abstract class SingleNodeClusterTest : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;

    /// <summary>The running cluster.</summary>
    protected LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster did not start.");

    /// <inheritdoc/>
    public async Task InitializeAsync() =>
        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 0 });

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
