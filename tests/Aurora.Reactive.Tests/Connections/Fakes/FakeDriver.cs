using System.Data;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Npgsql;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>A driver whose connections live in memory; errors are Npgsql's own types, judged by the real Npgsql classifier.</summary>
internal sealed class FakeDriver : IDatabaseDriver
{
    public FakeConnectionFactory? Factory { get; private set; }

    public string DisplayName => "Fake";

    public IDriverErrorClassifier ErrorClassifier => NpgsqlErrorClassifier.Instance;

    public IHostConnectionFactory CreateConnectionFactory(string connectionString) => Factory = new FakeConnectionFactory(connectionString);

    public DbParameter CreateParameter() => new NpgsqlParameter();

    public string GetReadOnlySql(bool readOnly) => readOnly ? "SET READ ONLY" : "SET READ WRITE";

    public string GetIsolationLevelSql(IsolationLevel isolationLevel) => $"SET ISOLATION {isolationLevel}";
}
