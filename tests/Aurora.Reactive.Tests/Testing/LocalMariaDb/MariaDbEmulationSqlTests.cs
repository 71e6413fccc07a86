using System.Text.RegularExpressions;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Testing.LocalMariaDb;

public sealed class MariaDbEmulationSqlTests
{
    [Fact]
    public void View_HasEveryColumnTheAuroraMySqlTopologyQueryReads()
    {
        var view = MariaDbEmulationSql.Setup.Single(s => s.Contains("VIEW", StringComparison.Ordinal));
        var columns = new[] { "SERVER_ID", "SESSION_ID", "CPU", "REPLICA_LAG_IN_MILLISECONDS", "LAST_UPDATE_TIMESTAMP" };

        Assert.All(columns, c => Assert.Contains(c, AuroraMySqlDialect.Sql, StringComparison.Ordinal));
        Assert.All(columns, c => Assert.Matches(new Regex($@"\bAS {c}\b"), view));
        Assert.Contains("information_schema.replica_host_status", AuroraMySqlDialect.Sql, StringComparison.Ordinal);
        Assert.Contains($"VIEW {LocalMariaDbCluster.AuroraEmulationSchema}.replica_host_status", view, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_ReadsTheFileTheControlPlanePublishes()
    {
        var function = MariaDbEmulationSql.Setup.Single(s => s.Contains("FUNCTION", StringComparison.Ordinal));

        Assert.Contains($"'{TopologyFile.FileName}'", function, StringComparison.Ordinal);
        Assert.Contains("SQL SECURITY DEFINER", function, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientUser_LosesReadOnlyAdmin_SoReadersRefuseItsWrites() =>
        Assert.Contains(MariaDbEmulationSql.Setup, s => s.StartsWith("REVOKE READ_ONLY ADMIN", StringComparison.Ordinal) && s.Contains(MariaDbEmulationSql.ClientUser, StringComparison.Ordinal));
}
