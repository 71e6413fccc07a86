using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Failover;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class DetectingClusterDialectTests
{
    private static readonly HostSpec Node = new("127.0.0.1", 3306);

    private static DbConnection Connection() => new SimulatedDbConnection(Node, () => { });

    [Fact]
    public async Task DetectAsync_FirstCandidateRecognizesTheServer_IsChosenAndKept()
    {
        var aurora = new ScriptedDialect("aurora", recognizes: true, topologyQuery: "SELECT topology");
        var replication = new ScriptedDialect("replication", recognizes: true);
        var dialect = new DetectingClusterDialect([aurora, replication]);

        Assert.Same(aurora, await dialect.DetectAsync(Connection(), CancellationToken.None));
        Assert.Same(aurora, await dialect.DetectAsync(Connection(), CancellationToken.None));

        Assert.Equal(1, aurora.Questions);
        Assert.Equal(0, replication.Questions);
        Assert.Equal("SELECT topology", dialect.TopologyQuery);
    }

    [Fact]
    public async Task IsReaderAsync_ServerIsNotAurora_DelegatesToTheReplicationDialect()
    {
        var aurora = new ScriptedDialect("aurora", recognizes: false, topologyQuery: "SELECT topology");
        var replication = new ScriptedDialect("replication", recognizes: true, isReader: true);
        var dialect = new DetectingClusterDialect([aurora, replication]);

        Assert.True(await dialect.IsReaderAsync(Connection(), CancellationToken.None));
        Assert.Equal("replication:127.0.0.1:3306", await dialect.GetInstanceIdAsync(Connection(), Node, CancellationToken.None));

        Assert.Same(replication, dialect.Detected);
        Assert.Null(dialect.TopologyQuery);
        Assert.Equal(1, aurora.Questions);
    }

    [Fact]
    public async Task DetectAsync_NoCandidateAnswers_FailsAndRemembersNothing()
    {
        var aurora = new ScriptedDialect("aurora", recognizes: false);
        var replication = new ScriptedDialect("replication", recognizes: false);
        var dialect = new DetectingClusterDialect([aurora, replication]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => dialect.IsReaderAsync(Connection(), CancellationToken.None));
        Assert.Null(dialect.Detected);

        replication.Recognizes = true;
        Assert.Same(replication, await dialect.DetectAsync(Connection(), CancellationToken.None));
        Assert.Equal(2, aurora.Questions);
    }

    [Fact]
    public void ReadTopologyRow_BeforeDetection_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new DetectingClusterDialect([new ScriptedDialect("a", true)]).ReadTopologyRow(null!));

    [Fact]
    public void Name_NamesTheCandidates() =>
        Assert.Equal("detect(a|b)", new DetectingClusterDialect([new ScriptedDialect("a", true), new ScriptedDialect("b", true)]).Name);

    [Fact]
    public void Constructor_NoCandidates_Throws() =>
        Assert.Throws<ArgumentException>(() => new DetectingClusterDialect([]));

    private sealed class ScriptedDialect(string name, bool recognizes, string? topologyQuery = null, bool isReader = false) : IClusterDialect
    {
        private int _questions;

        public bool Recognizes { get; set; } = recognizes;

        public int Questions => Volatile.Read(ref _questions);

        public string Name => name;

        public string? TopologyQuery => topologyQuery;

        public TopologyRow ReadTopologyRow(IDataRecord record) => throw new NotSupportedException();

        public Task<TopologyReadResult> ReadTopologyAsync(
            DbConnection connection, HostSpec connectedHost, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<string> GetInstanceIdAsync(DbConnection connection, HostSpec connectedHost, CancellationToken cancellationToken) =>
            Task.FromResult($"{name}:{connectedHost.Endpoint}");

        public Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult(isReader);

        public Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _questions);
            return Task.FromResult(Recognizes);
        }
    }
}
