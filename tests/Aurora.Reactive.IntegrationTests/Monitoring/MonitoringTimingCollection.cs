namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// The monitoring timing tests run alone, after every parallel collection: under aggressive settings a probe that the
/// machine's load (other tests starting clusters) delays past its interval is a verdict, and these tests measure the
/// library, not the neighbours.
/// </summary>
[CollectionDefinition(MonitoredDataSource.TimingCollection, DisableParallelization = true)]
public sealed class MonitoringTimingCollection
{
}
