using System.Data;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;
using Npgsql;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>The driver of a <see cref="SimulatedCluster"/>: Aurora PostgreSQL's dialect, its nodes' errors classified by <see cref="SimulatedNodeException"/>.</summary>
internal sealed class SimulatedDriver(SimulatedCluster cluster) : IDatabaseDriver, IDriverErrorClassifier
{
    public string DisplayName => "Simulated";

    public IDriverErrorClassifier ErrorClassifier => this;

    public IClusterDialect? AuroraDialect => AuroraPostgresDialect.Instance;

    public IHostConnectionFactory CreateConnectionFactory(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var host = builder.TryGetValue("Host", out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)! : SimulatedCluster.WriterEndpoint;
        var first = host.Split(',')[0];
        return new SimulatedConnectionFactory(cluster, new HostSpec(first.Split(':')[0], 5432));
    }

    public DbParameter CreateParameter() => new NpgsqlParameter();

    public string GetReadOnlySql(bool readOnly) => readOnly ? "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY" : "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE";

    public string GetIsolationLevelSql(IsolationLevel isolationLevel) => $"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL {isolationLevel}";

    public DriverErrorKind Classify(Exception error) => error switch
    {
        SimulatedNodeException { IsConnectionLoss: true } => DriverErrorKind.NodeUnavailable,
        SimulatedNodeException { IsReadOnly: true } => DriverErrorKind.ReadOnlyNode,
        _ => DriverErrorKind.NotFailover,
    };
}
