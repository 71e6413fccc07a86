using System.Data;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class AuroraPostgresDialectTests
{
    [Fact]
    public void Sql_IsTheReferenceTopologyQueryUnchanged()
    {
        const string expected =
            "SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,\n" +
            "       CPU, COALESCE(REPLICA_LAG_IN_MSEC, 0), LAST_UPDATE_TIMESTAMP\n" +
            "FROM pg_catalog.aurora_replica_status()\n" +
            "WHERE EXTRACT(EPOCH FROM (NOW() - LAST_UPDATE_TIMESTAMP)) <= 300\n" +
            "   OR SESSION_ID = 'MASTER_SESSION_ID' OR LAST_UPDATE_TIMESTAMP IS NULL";

        Assert.Equal(expected, AuroraPostgresDialect.Sql.ReplaceLineEndings("\n"));
        Assert.Same(AuroraPostgresDialect.Sql, AuroraPostgresDialect.Instance.TopologyQuery);
    }

    [Fact]
    public void Sql_SideQueries_AreTheReferenceOnes()
    {
        Assert.Equal("SELECT pg_catalog.aurora_db_instance_identifier()", AuroraPostgresDialect.InstanceIdSql);
        Assert.Equal("SELECT pg_catalog.pg_is_in_recovery()", AuroraPostgresDialect.IsReaderSql);
        Assert.Equal(
            "SELECT SERVER_ID FROM pg_catalog.aurora_replica_status() WHERE SESSION_ID = 'MASTER_SESSION_ID' AND SERVER_ID = pg_catalog.aurora_db_instance_identifier()",
            AuroraPostgresDialect.IsWriterSql);
    }

    [Fact]
    public void ReadTopologyRow_PostgresTypes_ReadsEveryColumn()
    {
        var updated = new DateTime(2026, 1, 1, 11, 59, 58, DateTimeKind.Utc);
        using var reader = Rows((typeof(string), "instance-1"), (typeof(bool), true), (typeof(double), 3.5), (typeof(double), 0.0), (typeof(DateTime), updated));

        var row = AuroraPostgresDialect.Instance.ReadTopologyRow(reader);

        Assert.Equal(new TopologyRow("instance-1", true, 3.5, 0.0, new DateTimeOffset(updated)), row);
    }

    [Fact]
    public void ReadTopologyRow_NullsAndNumericLag_AreTolerated()
    {
        using var reader = Rows((typeof(string), "instance-2"), (typeof(bool), false), (typeof(float), DBNull.Value), (typeof(decimal), 12.25m), (typeof(DateTime), DBNull.Value));

        var row = AuroraPostgresDialect.Instance.ReadTopologyRow(reader);

        Assert.Equal(new TopologyRow("instance-2", false, null, 12.25, null), row);
    }

    internal static DataTableReader Rows(params (Type Type, object Value)[] columns)
    {
        var table = new DataTable();
        for (var i = 0; i < columns.Length; i++)
        {
            table.Columns.Add($"c{i}", columns[i].Type);
        }

        table.Rows.Add(columns.Select(c => c.Value).ToArray());
        var reader = table.CreateDataReader();
        Assert.True(reader.Read());
        return reader;
    }
}
