using Aurora.Reactive.Connections;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>Reads a failover task that virtual time has already completed; never blocks.</summary>
internal static class TaskOutcome
{
    public static FailoverOutcome Done(this Task<FailoverOutcome> task) =>
        task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException($"The failover has not completed (status {task.Status}).");
}
