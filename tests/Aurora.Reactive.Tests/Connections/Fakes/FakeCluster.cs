using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>A data source over the fake driver with two nodes, n1 (initial) and n2 (the failover target).</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public static readonly HostSpec Node1 = new("n1", 5432);
    public static readonly HostSpec Node2 = new("n2", 5432, "instance-2", HostRole.Writer);

    public FakeCluster(bool withHandler = true, Func<AuroraConnectionSettings, AuroraConnectionSettings>? configure = null)
    {
        Handler = withHandler ? new FakeFailoverHandler(Node2) : null;
        var settings = new AuroraConnectionSettings { FailoverHandler = Handler, InitialHostRole = HostRole.Writer };
        DataSource = AuroraDataSource.Create("n1:5432", Driver, configure?.Invoke(settings) ?? settings);
    }

    public FakeDriver Driver { get; } = new();

    public FakeFailoverHandler? Handler { get; }

    public AuroraDataSource DataSource { get; }

    public FakeConnectionFactory Factory => Driver.Factory!;

    public static NpgsqlException NodeDown() => new("Exception while reading from stream", new EndOfStreamException());

    public static PostgresException UniqueViolation() => new("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505");

    public static PostgresException ReadOnly() => new("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006");

    public FakeDbConnection PhysicalOf(AuroraConnection connection) => (FakeDbConnection)connection.Unwrap();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
