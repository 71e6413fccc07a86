namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

/// <summary>Tests that share one running MariaDB cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedMariaDbCollection : ICollectionFixture<SharedMariaDbFixture>
{
    public const string Name = "Local MariaDB cluster (shared)";
}
