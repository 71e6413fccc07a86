using System.Data;
using Aurora.Reactive.MySql;

namespace Aurora.Reactive.Tests.MySql;

public sealed class MySqlSessionStatementsTests
{
    [Fact]
    public void Statements_AreTheMySqlSessionStatements()
    {
        Assert.Equal("SET SESSION TRANSACTION READ ONLY", MySqlSessionStatements.ReadOnly(true));
        Assert.Equal("SET SESSION TRANSACTION READ WRITE", MySqlSessionStatements.ReadOnly(false));
        Assert.Equal("SET SESSION autocommit = 1", MySqlSessionStatements.Autocommit(true));
        Assert.Equal("SET SESSION autocommit = 0", MySqlSessionStatements.Autocommit(false));
        Assert.Equal("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", MySqlSessionStatements.Isolation(IsolationLevel.ReadCommitted));
        Assert.Equal("SELECT 1", MySqlSessionStatements.Probe);
    }

    [Fact]
    public void Isolation_Snapshot_ThrowsNamingTheLevel()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MySqlSessionStatements.Isolation(IsolationLevel.Snapshot));

        Assert.Equal("isolationLevel", error.ParamName);
        Assert.Contains("Snapshot", error.Message, StringComparison.Ordinal);
    }
}
