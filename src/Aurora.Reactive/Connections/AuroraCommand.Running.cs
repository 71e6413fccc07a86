using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <content>What <see cref="CommandExecution"/>, the execution path shared with <see cref="AuroraBatch"/>, needs of the command.</content>
public sealed partial class AuroraCommand : IDriverRun<DbCommand>
{
    private AuroraDataReader? _reader;

    /// <summary>Whether a reader of this command is open, so that its connection may not change.</summary>
    private bool HasOpenReader => _reader is { IsClosed: false };

    bool IDriverRun<DbCommand>.HasNeutralParameters => _parameters is { HasNeutralParameters: true };

    bool IDriverRun<DbCommand>.NeedsPrepare => _needsPrepare;

    DbCommand IDriverRun<DbCommand>.Bind(AuroraConnection connection) => Bind(connection);

    void IDriverRun<DbCommand>.Prepare(DbCommand driver)
    {
        driver.Prepare();
        _needsPrepare = false;
    }

    async Task IDriverRun<DbCommand>.PrepareAsync(DbCommand driver, CancellationToken cancellationToken)
    {
        await driver.PrepareAsync(cancellationToken).ConfigureAwait(false);
        _needsPrepare = false;
    }

    void INodeStep.Completed() => AfterExecute();

    void INodeStep.Lost()
    {
    }

    void IDriverRun.ReaderClosed()
    {
        _reader = null;
        AfterExecute();
    }

    // The driver command is still in use by the abandoned call, possibly on another thread: it is let go and disposed
    // once that call ends, never under it.
    void INodeStep.Released(Task running)
    {
        var physical = _physical;
        _physical = null;
        _boundConnection = null;
        CommandExecution.DisposeWhenDone(running, physical);
    }
}
