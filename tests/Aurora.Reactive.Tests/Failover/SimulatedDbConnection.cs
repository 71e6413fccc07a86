using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>A physical connection a simulated failover attempt opened; it only knows its node and whether it was disposed.</summary>
internal sealed class SimulatedDbConnection(HostSpec host, Action onDispose) : DbConnection
{
    private int _disposed;

    public HostSpec Host { get; } = host;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    [AllowNull]
    public override string ConnectionString { get; set; } = string.Empty;

    public override string Database => "simulated";

    public override string DataSource => Host.Endpoint;

    public override string ServerVersion => "15.0";

    public override ConnectionState State => IsDisposed ? ConnectionState.Closed : ConnectionState.Open;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    public override void Close() => Dispose();

    public override void Open()
    {
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();

    protected override DbCommand CreateDbCommand() => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            onDispose();
        }

        base.Dispose(disposing);
    }
}
