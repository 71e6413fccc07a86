namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Operations on the node's server process, used by the cluster.</content>
public sealed partial class LocalPostgresNode
{
    private const string StandbySignal = "standby.signal";

    /// <summary>Creates the node folder and copies the template's data folder into it.</summary>
    internal async Task CopyTemplateAsync(string templateData, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        context.User.Own(Folder);
        (await CommandRunner.RunAsync("cp", ["-a", templateData, DataDirectory], user: null, Folder, context.Timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
    }

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

    /// <summary>Whether the last start failed because another process took the server port meanwhile.</summary>
    internal bool LastStartLostItsPort()
    {
        try
        {
            return File.Exists(LogFile) && File.ReadLines(LogFile).TakeLast(20).Any(l => l.Contains("could not bind", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Picks another free server port (the forwarder follows); call <see cref="WriteSettings"/> afterwards.</summary>
    internal void ReassignServerPort()
    {
        ServerPort = FreePort.Next();
        Forwarder.SetTargets([ServerPort]);
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    internal async Task StartServerAsync(CancellationToken cancellationToken)
    {
        (await CommandRunner.RunAsync(
                context.Binaries.PgCtl,
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", context.TimeoutSeconds, "start"],
                context.User, Folder, context.Timeout + TimeSpan.FromSeconds(5), cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
        ProcessId = ReadPostmasterPid() ?? throw new InvalidOperationException($"{InstanceId} started but wrote no postmaster.pid.");
        State = LocalNodeState.Running;
        DownSince = null;
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

    /// <summary>Kills the postmaster and all its children with SIGKILL and waits until they are gone.</summary>
    internal async Task KillServerAsync(CancellationToken cancellationToken)
    {
        if (ProcessId is { } pid)
        {
            var killed = ProcessTree.Kill(pid);
            await ProcessTree.WaitGoneAsync(killed, context.Timeout, cancellationToken).ConfigureAwait(false);
            PostmasterFile.RemoveSharedMemory(DataDirectory);
        }

        MarkDown(LocalNodeState.Crashed);
    }

    /// <summary>Stops (SIGSTOP) the postmaster and every child.</summary>
    internal void FreezeServer()
    {
        var pid = RequireProcessId("freeze");
        ProcessTree.Freeze(pid);
        State = LocalNodeState.Frozen;
        DownSince = DateTimeOffset.UtcNow;
    }

    /// <summary>Continues (SIGCONT) every child, then the postmaster.</summary>
    internal void ThawServer()
    {
        ProcessTree.Thaw(RequireProcessId("thaw"));
        State = LocalNodeState.Running;
        DownSince = null;
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

    private void MarkDown(LocalNodeState state)
    {
        ProcessId = null;
        State = state;
        DownSince ??= DateTimeOffset.UtcNow;
    }

    private int RequireProcessId(string action) =>
        ProcessId ?? throw new InvalidOperationException($"Cannot {action} {InstanceId}: its server is {State}, not running.");

    private void WriteOwned(string path, string text)
    {
        File.WriteAllText(path, text);
        context.User.Own(path);
    }
}
