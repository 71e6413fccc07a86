namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// A prepared server folder made once per machine and key (programs, user, settings, SQL) and copied for every
/// node. It is built aside and moved into place, then marked ready, under a process lock and a file lock
/// shared by every kit, so parallel test processes build it once and never see it half made.
/// </summary>
internal static class KitTemplate
{
    private const string ReadyMarker = "ready";
    private static readonly SemaphoreSlim ProcessLock = new(1, 1);

    /// <summary>Returns the template folder <paramref name="name"/> under <paramref name="kitRoot"/>, building it with <paramref name="build"/> first when needed.</summary>
    /// <param name="kitRoot">The kit folder.</param>
    /// <param name="name">The template folder's name; it should carry a key that changes with whatever the template depends on.</param>
    /// <param name="build">Fills an empty folder (given) with the template.</param>
    /// <param name="readyText">What to write into the ready marker (for people looking at the folder).</param>
    /// <param name="cancellationToken">Cancels the wait for the locks and the build.</param>
    internal static async Task<string> EnsureAsync(
        string kitRoot, string name, Func<string, CancellationToken, Task> build, string readyText, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(kitRoot, name);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
        {
            return folder;
        }

        await ProcessLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await KitFileLock.AcquireAsync(Path.Combine(kitRoot, "template.lock"), cancellationToken).ConfigureAwait(false);
            if (!File.Exists(Path.Combine(folder, ReadyMarker)))
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                var building = Path.Combine(kitRoot, "template-building-" + Guid.NewGuid().ToString("N"));
                try
                {
                    await build(building, cancellationToken).ConfigureAwait(false);
                    Directory.Move(building, folder);
                    await File.WriteAllTextAsync(Path.Combine(folder, ReadyMarker), readyText, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (Directory.Exists(building))
                    {
                        Directory.Delete(building, recursive: true);
                    }
                }
            }

            return folder;
        }
        finally
        {
            ProcessLock.Release();
        }
    }
}
