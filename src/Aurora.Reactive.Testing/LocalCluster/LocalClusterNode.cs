using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// One database server of a local cluster (PostgreSQL or MariaDB). Clients reach it through a loopback
/// forwarder on <see cref="Port"/> (so the network to it can be cut); replication uses the real
/// <see cref="ServerPort"/>.
/// </summary>
public abstract class LocalClusterNode
{
    private protected LocalClusterNode(string instanceId, LocalNodeRole role, string clusterFolder, ServerUser user, TimeSpan operationTimeout)
    {
        InstanceId = instanceId;
        Role = role;
        State = LocalNodeState.Stopped;
        User = user;
        OperationTimeout = operationTimeout;
        ServerPort = FreePort.NextForServer();
        Forwarder = new LoopbackForwarder(instanceId, [ServerPort]);
        Folder = Path.Combine(clusterFolder, instanceId);
        DataDirectory = Path.Combine(Folder, "data");
        LogFile = Path.Combine(Folder, "server.log");
    }

    /// <summary>The node's instance id, as the emulated Aurora topology names it.</summary>
    public string InstanceId { get; }

    /// <summary>The client-facing loopback port (the node's forwarder).</summary>
    public int Port => Forwarder.Port;

    /// <summary>The port the server itself listens on; bypasses network cuts. Replication uses it.</summary>
    public int ServerPort { get; private set; }

    /// <summary><c>127.0.0.1:PORT</c> with the client-facing port.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>A connection string to the node through its forwarder, in the format of the server's usual ADO.NET provider.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A connection string to the server's real port, unaffected by network cuts.</summary>
    public abstract string ServerConnectionString { get; }

    /// <summary>The role the control plane gives the node now.</summary>
    public LocalNodeRole Role { get; internal set; }

    /// <summary>What the node's server process is doing now.</summary>
    public LocalNodeState State { get; internal set; }

    /// <summary>The server's process id while it runs or is frozen; otherwise <see langword="null"/>.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>The server's data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's log file.</summary>
    public string LogFile { get; }

    /// <summary>When the node last stopped running or froze; <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? DownSince { get; internal set; }

    internal string Folder { get; }

    internal LoopbackForwarder Forwarder { get; }

    internal ServerUser User { get; }

    internal TimeSpan OperationTimeout { get; }

    /// <summary>A line the server logs when another process took its port between our probe and its bind.</summary>
    private protected abstract string PortTakenLogText { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{InstanceId}@{Endpoint} ({Role}, {State})";

    /// <summary>Creates the node folder and copies the template's data folder into it.</summary>
    internal async Task CopyTemplateAsync(string templateData, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        User.Own(Folder);
        (await CommandRunner.RunAsync("cp", ["-a", templateData, DataDirectory], user: null, Folder, OperationTimeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>Whether the last start failed because another process took the server port meanwhile.</summary>
    internal bool LastStartLostItsPort()
    {
        try
        {
            return File.Exists(LogFile) && File.ReadLines(LogFile).TakeLast(20).Any(l => l.Contains(PortTakenLogText, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Picks another free server port (the forwarder follows); write the node's settings again afterwards.</summary>
    internal void ReassignServerPort()
    {
        ServerPort = FreePort.NextForServer();
        Forwarder.SetTargets([ServerPort]);
    }

    /// <summary>Kills the server and all its children with SIGKILL and waits until they are gone.</summary>
    internal async Task KillServerAsync(CancellationToken cancellationToken)
    {
        if (ProcessId is { } pid)
        {
            var killed = ProcessTree.Kill(pid);
            await ProcessTree.WaitGoneAsync(killed, OperationTimeout, cancellationToken).ConfigureAwait(false);
            OnKilled();
        }

        MarkDown(LocalNodeState.Crashed);
    }

    /// <summary>Stops (SIGSTOP) the server and every child.</summary>
    internal void FreezeServer()
    {
        var pid = RequireProcessId("freeze");
        ProcessTree.Freeze(pid);
        State = LocalNodeState.Frozen;
        DownSince = DateTimeOffset.UtcNow;
    }

    /// <summary>Continues (SIGCONT) every child, then the server.</summary>
    internal void ThawServer()
    {
        ProcessTree.Thaw(RequireProcessId("thaw"));
        State = LocalNodeState.Running;
        DownSince = null;
    }

    /// <summary>Cleans up what a killed server leaves behind.</summary>
    private protected virtual void OnKilled()
    {
    }

    private protected void MarkUp(int processId)
    {
        ProcessId = processId;
        State = LocalNodeState.Running;
        DownSince = null;
    }

    private protected void MarkDown(LocalNodeState state)
    {
        ProcessId = null;
        State = state;
        DownSince ??= DateTimeOffset.UtcNow;
    }

    private protected void WriteOwned(string path, string text)
    {
        File.WriteAllText(path, text);
        User.Own(path);
    }

    private int RequireProcessId(string action) =>
        ProcessId ?? throw new InvalidOperationException($"Cannot {action} {InstanceId}: its server is {State}, not running.");
}
