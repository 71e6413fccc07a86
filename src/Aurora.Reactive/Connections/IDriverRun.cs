namespace Aurora.Reactive.Connections;

/// <summary>What a reader tells the logical command or batch it came from.</summary>
internal interface IDriverRun
{
    /// <summary>The reader closed: output values can be copied back, and the command may change connection again.</summary>
    void ReaderClosed();
}

/// <summary>
/// A logical command or batch, as <see cref="CommandExecution"/> runs it: it binds a driver object
/// (<typeparamref name="TDriver"/>, a command or a batch) to the connection's current physical connection.
/// </summary>
/// <typeparam name="TDriver">The driver object that runs: <see cref="System.Data.Common.DbCommand"/> or <see cref="System.Data.Common.DbBatch"/>.</typeparam>
internal interface IDriverRun<TDriver> : IDriverRun, INodeStep
    where TDriver : class
{
    /// <summary>Whether driver-neutral parameters must be copied in and out around each run.</summary>
    bool HasNeutralParameters { get; }

    /// <summary>Whether the bound driver object must be prepared before it runs (a prepare was asked for, and it is new).</summary>
    bool NeedsPrepare { get; }

    /// <summary>The driver object for the connection's current physical connection, with the text, parameters and transaction.</summary>
    TDriver Bind(AuroraConnection connection);

    /// <summary>Prepares the bound driver object; afterwards <see cref="NeedsPrepare"/> is <see langword="false"/>.</summary>
    void Prepare(TDriver driver);

    /// <summary>Prepares the bound driver object; afterwards <see cref="NeedsPrepare"/> is <see langword="false"/>.</summary>
    Task PrepareAsync(TDriver driver, CancellationToken cancellationToken);
}
