using System.Diagnostics;
using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// A detached shell per cluster (its own session, so a Ctrl-C or a killed test host does not take it
/// along) that checks once a second whether the owning process still lives. When the owner is gone and
/// the cluster folder is still there, it kills the servers and removes the folder. It exits by itself
/// once the folder is removed by a normal disposal.
/// </summary>
internal sealed class ClusterWatchdog : IDisposable
{
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        dir="$1"; owner="$2"; start="$3"
        alive() { [ "$(sed 's/.*) //' "/proc/$owner/stat" 2>/dev/null | cut -d' ' -f20)" = "$start" ]; }
        while [ -d "$dir" ] && alive; do sleep 1; done
        [ -d "$dir" ] || exit 0
        for f in "$dir"/*/data/postmaster.pid "$dir"/*/data/mysqld.pid; do
          p=$(head -n 1 "$f" 2>/dev/null)
          [ -n "$p" ] || continue
          kill -CONT -"$p" "$p"; kill -KILL -"$p" "$p"
        done
        sleep 1
        for f in "$dir"/*/data/postmaster.pid; do
          s=$(sed -n 7p "$f" 2>/dev/null | awk '{print $2}')
          [ -n "$s" ] && ipcrm -m "$s"
        done
        rm -rf "$dir"
        """;

    private readonly Process? process;

    private ClusterWatchdog(Process? process) => this.process = process;

    /// <summary>Starts the watchdog for <paramref name="clusterFolder"/> owned by <paramref name="owner"/>.</summary>
    internal static ClusterWatchdog Start(string clusterFolder, OwnerMarker owner)
    {
        var info = new ProcessStartInfo
        {
            FileName = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh",
            UseShellExecute = false,
        };
        if (info.FileName != "/bin/sh")
        {
            info.ArgumentList.Add("/bin/sh");
        }

        foreach (var argument in new[]
                 {
                     "-c", Script, "aurora-kit-watchdog", clusterFolder,
                     owner.ProcessId.ToString(CultureInfo.InvariantCulture), owner.StartTime.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        return new ClusterWatchdog(Process.Start(info));
    }

    /// <summary>Ends the watchdog after a normal disposal (by its own process id).</summary>
    public void Dispose()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                // Its own tree only: the shell and the sleep it may be waiting on.
                ProcessTree.Kill(process.Id);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
