namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Operations on the node's server process, used by the cluster.</content>
public sealed partial class LocalPostgresNode
{
    private const string StandbySignal = "standby.signal";

    /// <summary>Writes the node's own settings; with an upstream port the node starts (or stays) a standby of that server.</summary>
    internal void WriteSettings(int? upstreamServerPort)
    {
        var settings = ServerConfiguration.NodeSettings(
            InstanceId, ServerPort, upstreamServerPort, context.SynchronousStandbys, context.Options.ServerSettings);
        var file = Path.Combine(DataDirectory, ServerConfiguration.NodeFileName);
        WriteOwned(file, "# Written by the Aurora.Reactive local cluster kit; rewritten on every start and re-point.\n" + ServerConfiguration.Format(settings));
        var signal = Path.Combine(DataDirectory, StandbySignal);
        if (upstreamServerPort is null)
        {
            File.Delete(signal);
        }
        else if (!File.Exists(signal))
        {
            WriteOwned(signal, string.Empty);
        }
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">pg_ctl failed; the message ends with the last lines of the server's log, which is gone once the cluster is disposed.</exception>
    internal async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(
                context.Binaries.PgCtl,
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", context.TimeoutSeconds, "start"],
                context.User, Folder, context.Timeout + TimeSpan.FromSeconds(5), cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(10)) : "(no log)";
            throw new InvalidOperationException(
                $"{InstanceId} did not start: '{result.CommandLine}' exited with {result.ExitCode}.{Environment.NewLine}Last lines of {LogFile}:{Environment.NewLine}{log}");
        }

        MarkUp(ReadPostmasterPid() ?? throw new InvalidOperationException($"{InstanceId} started but wrote no postmaster.pid."));
    }

    /// <summary>
    /// After a failed start: kills a postmaster that still runs on this data folder (pg_ctl gave up waiting while it
    /// was still in recovery, say), so the folder can be replaced. Does nothing when none runs.
    /// </summary>
    internal async Task KillStrayServerAsync(CancellationToken cancellationToken)
    {
        if (ReadPostmasterPid() is { } pid
            && ProcessTree.IsLive(pid)
            && ProcessTree.CommandLine(pid) is { } commandLine
            && commandLine.Contains(DataDirectory, StringComparison.Ordinal))
        {
            await ProcessTree.WaitGoneAsync(ProcessTree.Kill(pid), OperationTimeout, cancellationToken).ConfigureAwait(false);
            OnKilled();
        }

        MarkDown(LocalNodeState.Stopped);
    }

    /// <summary>Stops the server with <c>pg_ctl stop -m <paramref name="mode"/></c> (<c>fast</c> or <c>immediate</c>).</summary>
    internal async Task StopServerAsync(string mode, CancellationToken cancellationToken)
    {
        if (ProcessId is { } pid && State == LocalNodeState.Frozen)
        {
            ProcessTree.Thaw(pid);
        }

        (await CommandRunner.RunAsync(
                context.Binaries.PgCtl,
                ["-D", DataDirectory, "-m", mode, "-w", "-t", context.TimeoutSeconds, "stop"],
                context.User, Folder, context.Timeout + TimeSpan.FromSeconds(5), cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
        MarkDown(LocalNodeState.Stopped);
    }

    /// <summary>Asks the postmaster to reread its configuration (SIGHUP; delivered on thaw when frozen).</summary>
    internal void ReloadConfiguration()
    {
        if (ProcessId is { } pid)
        {
            NativeMethods.Signal(pid, NativeMethods.SigHup);
        }
    }

    /// <summary>Reads the postmaster's id from <c>postmaster.pid</c>.</summary>
    internal int? ReadPostmasterPid() => PostmasterFile.ProcessId(DataDirectory);

    /// <inheritdoc/>
    private protected override void OnKilled() => PostmasterFile.RemoveSharedMemory(DataDirectory);
}
