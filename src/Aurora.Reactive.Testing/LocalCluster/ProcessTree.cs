using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Reads <c>/proc</c> to find a process's descendants and start time, and signals whole trees.</summary>
internal static class ProcessTree
{
    /// <summary>Every descendant of <paramref name="rootPid"/> (children, grandchildren...), not the root itself.</summary>
    internal static IReadOnlyList<int> Descendants(int rootPid)
    {
        var childrenOf = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var stat = ReadStat(pid);
            if (stat is { } fields && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent))
            {
                if (!childrenOf.TryGetValue(parent, out var list))
                {
                    childrenOf[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int>();
        var pending = new Stack<int>();
        pending.Push(rootPid);
        while (pending.Count > 0)
        {
            if (childrenOf.TryGetValue(pending.Pop(), out var children))
            {
                foreach (var child in children)
                {
                    result.Add(child);
                    pending.Push(child);
                }
            }
        }

        return result;
    }

    /// <summary>The process's start time in clock ticks since boot (field 22 of <c>/proc/PID/stat</c>), or null when it is gone.</summary>
    internal static long? StartTime(int pid) =>
        ReadStat(pid) is { } fields && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    /// <summary>The process's command line with arguments joined by spaces, or null when it is gone.</summary>
    internal static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stops (SIGSTOP) the root first so it forks no new child, then every descendant, and returns once every thread
    /// of them is stopped (at most after <see cref="StopBound"/>). A signal is only queued when kill returns: a thread
    /// running on another core can still answer a query sent at once (seen with the multi-threaded mariadbd).
    /// </summary>
    internal static void Freeze(int rootPid)
    {
        NativeMethods.Signal(rootPid, NativeMethods.SigStop);
        var descendants = Descendants(rootPid);
        foreach (var pid in descendants)
        {
            NativeMethods.Signal(pid, NativeMethods.SigStop);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var all = descendants.Prepend(rootPid).ToArray();
        while (!all.All(AllThreadsStopped) && clock.Elapsed < StopBound)
        {
            Thread.Sleep(1);
        }
    }

    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(2);

    // A thread is stopped in state T (or t when traced); a thread or process that is gone or a zombie will not answer either.
    private static bool AllThreadsStopped(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task")
                .All(task => ReadStatFile(Path.Combine(task, "stat")) is not { } fields || fields[0] is "T" or "t" or "Z" or "X");
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Continues (SIGCONT) every descendant, then the root.</summary>
    internal static void Thaw(int rootPid)
    {
        foreach (var pid in Descendants(rootPid))
        {
            NativeMethods.Signal(pid, NativeMethods.SigCont);
        }

        NativeMethods.Signal(rootPid, NativeMethods.SigCont);
    }

    /// <summary>Kills (SIGKILL) the root and every descendant, as a power cut would; returns the ids signalled.</summary>
    internal static IReadOnlyList<int> Kill(int rootPid)
    {
        var all = Descendants(rootPid).Prepend(rootPid).ToArray();
        foreach (var pid in all)
        {
            NativeMethods.Signal(pid, NativeMethods.SigKill);
        }

        return all;
    }

    /// <summary>The root and its descendants with their start times, to kill later without hitting a recycled process id.</summary>
    internal static IReadOnlyList<(int Pid, long StartTime)> Snapshot(int rootPid) =>
        Descendants(rootPid).Prepend(rootPid)
            .Select(pid => (Pid: pid, Start: StartTime(pid)))
            .Where(p => p.Start is not null)
            .Select(p => (p.Pid, p.Start!.Value))
            .ToArray();

    /// <summary>Kills (after thawing) every process of <paramref name="snapshot"/> that still runs with the same start time; returns their ids.</summary>
    internal static IReadOnlyList<int> KillSurvivors(IReadOnlyList<(int Pid, long StartTime)> snapshot)
    {
        var survivors = snapshot.Where(p => IsLive(p.Pid) && StartTime(p.Pid) == p.StartTime).Select(p => p.Pid).ToArray();
        foreach (var pid in survivors)
        {
            NativeMethods.Signal(pid, NativeMethods.SigCont);
            NativeMethods.Signal(pid, NativeMethods.SigKill);
        }

        return survivors;
    }

    /// <summary>Waits until none of <paramref name="pids"/> exists any more (zombies count as gone once reaped).</summary>
    /// <exception cref="TimeoutException">Some still exist after <paramref name="timeout"/>.</exception>
    internal static async Task WaitGoneAsync(IReadOnlyList<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(IsLive))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Processes {string.Join(", ", pids.Where(IsLive))} still exist after {timeout.TotalSeconds:0.#} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the process exists and is not a zombie.</summary>
    internal static bool IsLive(int pid) => ReadStat(pid) is { } fields && fields[0] != "Z";

    /// <summary>Fields of <c>/proc/PID/stat</c> after the command name: [0] state, [1] parent id, ..., [19] start time.</summary>
    private static string[]? ReadStat(int pid) => ReadStatFile($"/proc/{pid}/stat");

    private static string[]? ReadStatFile(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var afterName = text.LastIndexOf(')');
            return afterName < 0 ? null : text[(afterName + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
