namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// A prepared server folder made once per machine and key (programs, user, settings, SQL) and copied for every
/// node. It is built aside and moved into place, then marked ready, under a process lock and a file lock
/// shared by every kit, so parallel test processes build it once and never see it half made.
/// </summary>
internal static class KitTemplate
{
    private const string ReadyMarker = "ready";
    private const string DataFolderName = "data";
    private static readonly SemaphoreSlim ProcessLock = new(1, 1);

    /// <summary>
    /// Returns the data folder of the template <paramref name="name"/> under <paramref name="kitRoot"/>, building it
    /// first when needed: <paramref name="build"/> gets a new folder owned by <paramref name="user"/> and the path of
    /// the data folder to create in it.
    /// </summary>
    /// <param name="kitRoot">The kit folder.</param>
    /// <param name="name">The template folder's name; it should carry a key that changes with whatever the template depends on.</param>
    /// <param name="user">The server user, who owns the template.</param>
    /// <param name="build">Fills the given folder with the template, its server data in the given data folder.</param>
    /// <param name="readyText">What to write into the ready marker (for people looking at the folder).</param>
    /// <param name="cancellationToken">Cancels the wait for the locks and the build.</param>
    internal static async Task<string> EnsureDataAsync(
        string kitRoot, string name, ServerUser user, Func<string, string, CancellationToken, Task> build, string readyText, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(kitRoot, name);
        var data = Path.Combine(folder, DataFolderName);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
        {
            return data;
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
                    Directory.CreateDirectory(building);
                    user.Own(building);
                    await build(building, Path.Combine(building, DataFolderName), cancellationToken).ConfigureAwait(false);
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

            return data;
        }
        finally
        {
            ProcessLock.Release();
        }
    }
}
