using System.Data.Common;
using Npgsql;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// The provider factory of the simulated connections, so that failure monitoring opens its connections the way it
/// does with Npgsql: an Npgsql connection string (host, port, pooling off, timeouts) read by the connection.
/// </summary>
internal sealed class SimulatedProviderFactory(SimulatedCluster cluster) : DbProviderFactory
{
    public override DbConnection CreateConnection() => new SimulatedConnection(cluster, null, null);

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new NpgsqlConnectionStringBuilder();
}
