namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>An exclusive lock on a file, shared by every process of the machine; released on dispose.</summary>
internal sealed class KitFileLock : IDisposable
{
    private readonly FileStream stream;

    private KitFileLock(FileStream stream) => this.stream = stream;

    /// <summary>Waits until the lock file can be opened exclusively.</summary>
    internal static async Task<KitFileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new KitFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();
}
