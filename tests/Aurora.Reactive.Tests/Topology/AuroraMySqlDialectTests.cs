using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class AuroraMySqlDialectTests
{
    [Fact]
    public void Sql_IsTheReferenceTopologyQueryUnchanged()
    {
        const string expected =
            "SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,\n" +
            "       CPU, REPLICA_LAG_IN_MILLISECONDS, LAST_UPDATE_TIMESTAMP\n" +
            "FROM information_schema.replica_host_status\n" +
            "WHERE time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP)) <= 300 OR SESSION_ID = 'MASTER_SESSION_ID'";

        Assert.Equal(expected, AuroraMySqlDialect.Sql.ReplaceLineEndings("\n"));
        Assert.Equal("SELECT CAST(@@aurora_server_id AS CHAR)", AuroraMySqlDialect.InstanceIdSql);
        Assert.Equal("SELECT @@innodb_read_only", AuroraMySqlDialect.IsReaderSql);
        Assert.Equal("SELECT CAST(@@aurora_version AS CHAR)", AuroraMySqlDialect.DetectionSql);
    }

    [Fact]
    public void ReadTopologyRow_MySqlIntegerFlagAndZonelessTimestamp_ReadAsWriterInUtc()
    {
        var updated = new DateTime(2026, 1, 1, 11, 59, 58, DateTimeKind.Unspecified);
        using var reader = AuroraPostgresDialectTests.Rows((typeof(string), "db-1"), (typeof(long), 1L), (typeof(double), 7.0), (typeof(double), 15.5), (typeof(DateTime), updated));

        var row = AuroraMySqlDialect.Instance.ReadTopologyRow(reader);

        Assert.True(row.IsWriter);
        Assert.Equal(15.5, row.ReplicaLagMilliseconds);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 11, 59, 58, TimeSpan.Zero), row.LastUpdate);
    }

    [Fact]
    public void ReadTopologyRow_ZeroFlagAndNullLag_ReadAsReaderWithoutLag()
    {
        using var reader = AuroraPostgresDialectTests.Rows((typeof(string), "db-2"), (typeof(int), 0), (typeof(double), 1.0), (typeof(double), DBNull.Value), (typeof(string), "2026-01-01 11:00:00"));

        var row = AuroraMySqlDialect.Instance.ReadTopologyRow(reader);

        Assert.False(row.IsWriter);
        Assert.Null(row.ReplicaLagMilliseconds);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero), row.LastUpdate);
    }

    [Fact]
    public void Emulated_OtherTable_ReadsItWithAurorasQueryAndHasItsOwnName()
    {
        var dialect = AuroraMySqlDialect.Emulated("aurora_emulation.replica_host_status", "SELECT 'id'", "SELECT 0", "SELECT 'yes'");

        Assert.Equal(AuroraMySqlDialect.Sql.Replace("information_schema.replica_host_status", "aurora_emulation.replica_host_status", StringComparison.Ordinal), dialect.TopologyQuery);
        Assert.Equal("aurora-mysql(aurora_emulation.replica_host_status)", dialect.Name);
        Assert.Equal("aurora-mysql", AuroraMySqlDialect.Instance.Name);
    }

    [Fact]
    public void Emulated_TableNameWithSql_IsRefused() =>
        Assert.Throws<ArgumentException>(() => AuroraMySqlDialect.Emulated("t; DROP TABLE x", "SELECT 1", "SELECT 0", "SELECT 1"));
}
