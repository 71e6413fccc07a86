using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Aurora.Reactive.Hosts;
using Npgsql;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// A physical connection to one simulated node: opens from its pool at once, or with a new session after the connect
/// latency. One made by the provider factory (failure monitoring's) has no pool and takes its node from its connection string.
/// </summary>
internal sealed class SimulatedConnection(SimulatedCluster cluster, SimulatedConnectionFactory? pool, HostSpec? host) : DbConnection
{
    private ConnectionState _state = ConnectionState.Closed;
    private SimulatedSession? _session;
    private string _connectionString = string.Empty;

    public HostSpec Host => host ?? throw new InvalidOperationException("The simulated connection's string names no host.");

    internal SimulatedCluster Cluster { get; } = cluster;

    /// <summary>The node the session is on (an endpoint's connection: the node it forwarded to), or <see langword="null"/> when closed.</summary>
    internal string? NodeId => _session?.Node.InstanceId;

    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            _connectionString = value ?? string.Empty;
            if (pool is null && new NpgsqlConnectionStringBuilder(_connectionString) is { Host: { Length: > 0 } named } parsed)
            {
                host = new HostSpec(named, parsed.Port);
            }
        }
    }

    public override string Database => "simulated";

    protected override DbProviderFactory DbProviderFactory => Cluster.ProviderFactory;

    public override string DataSource => Host.Endpoint;

    public override string ServerVersion => "16.0 (simulated)";

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    public override void Open() => throw new NotSupportedException("The simulated driver is asynchronous only: call OpenAsync.");

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Cluster.Threads.Check("SimulatedConnection.OpenAsync");
        if (_state == ConnectionState.Open)
        {
            throw new InvalidOperationException("The connection is already open.");
        }

        if (pool?.TakeIdle(Host) is { } pooled)
        {
            _session = pooled;
            _state = ConnectionState.Open;
            return Task.CompletedTask;
        }

        var node = Cluster.NodeAt(Host);
        _state = ConnectionState.Connecting;
        return OpenNewAsync(node, cancellationToken);
    }

    private async Task OpenNewAsync(SimulatedNode node, CancellationToken cancellationToken)
    {
        var incarnation = node.Incarnation;
        try
        {
            await SimulatedCall.Start(Cluster, node, incarnation, Cluster.ConnectLatency, () => null, cancellationToken).Task.ConfigureAwait(false);
        }
        catch
        {
            _state = ConnectionState.Closed;
            throw;
        }

        _session = new SimulatedSession(node, incarnation);
        _state = ConnectionState.Open;
    }

    /// <summary>Runs one statement on the session; its answer is read when the node answers.</summary>
    internal Task<object?> RunAsync(string sql, CancellationToken cancellationToken)
    {
        Cluster.Threads.Check("SimulatedConnection.RunAsync");
        if (_state != ConnectionState.Open || _session is null)
        {
            throw new InvalidOperationException("The simulated connection is not open.");
        }

        var session = _session;
        var latency = SimulatedSql.Duration(sql) ?? Cluster.QueryLatency;
        return SimulatedCall.Start(Cluster, session.Node, session.Incarnation, latency, () => SimulatedSql.Answer(Cluster, session.Node, sql), cancellationToken).Task;
    }

    public override void Close()
    {
        Cluster.Threads.Check("SimulatedConnection.Close");
        if (_session is { IsAlive: true } session && _state == ConnectionState.Open)
        {
            pool?.Return(Host, session);
        }

        _session = null;
        _state = ConnectionState.Closed;
    }

    protected override void Dispose(bool disposing)
    {
        Close();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new SimulatedTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new SimulatedCommand(this);
}
