namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

/// <summary>MariaDB tests that start their own cluster and break it; one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DestructiveMariaDbCollection
{
    public const string Name = "Local MariaDB cluster (destructive)";
}
