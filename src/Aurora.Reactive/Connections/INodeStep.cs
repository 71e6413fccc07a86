namespace Aurora.Reactive.Connections;

/// <summary>
/// What <see cref="CommandExecution"/>'s one path tells a step on the connection's node (a command or batch run, a read)
/// about how the step ended.
/// </summary>
internal interface INodeStep
{
    /// <summary>The step ended without error (a run copies output values back).</summary>
    void Completed();

    /// <summary>A loss report released the step while <paramref name="running"/> still uses the driver object: let go of it, disposing it once that call ends.</summary>
    void Released(Task running);

    /// <summary>The node is lost under the step; the connection fails over next.</summary>
    void Lost();
}
