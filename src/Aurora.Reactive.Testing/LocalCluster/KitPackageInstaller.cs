namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Installs a server package with apt-get once per machine when its programs are missing and the process
/// is root on Debian: <c>apt-get update</c>, then <c>apt-get install</c>. A process-wide lock and a file lock
/// in the kit folder (shared by every kit) keep parallel test processes from running apt-get at once.
/// </summary>
internal static class KitPackageInstaller
{
    private static readonly SemaphoreSlim ProcessLock = new(1, 1);

    /// <summary>Returns what <paramref name="locate"/> finds, installing <paramref name="package"/> first when it finds nothing.</summary>
    /// <param name="kitRoot">The kit folder holding the install lock.</param>
    /// <param name="package">The Debian package to install.</param>
    /// <param name="locate">Finds the programs; null when missing.</param>
    /// <param name="missingMessage">The message when they are missing and cannot be installed here.</param>
    /// <param name="afterInstall">Runs after a successful install (for example to stop a service the package started).</param>
    /// <param name="cancellationToken">Cancels the wait for the locks and apt-get.</param>
    /// <exception cref="InvalidOperationException">The programs are missing and cannot be installed here, or apt-get failed.</exception>
    internal static async Task<T> EnsureAsync<T>(
        string kitRoot, string package, Func<T?> locate, string missingMessage, Func<CancellationToken, Task>? afterInstall, CancellationToken cancellationToken)
        where T : class
    {
        var found = locate();
        if (found is not null)
        {
            return found;
        }

        if (!NativeMethods.IsRoot || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(missingMessage);
        }

        await ProcessLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await KitFileLock.AcquireAsync(Path.Combine(kitRoot, "install.lock"), cancellationToken).ConfigureAwait(false);
            found = locate();
            if (found is not null)
            {
                return found;
            }

            await AptGetAsync(package, ["update", "-qq"], cancellationToken).ConfigureAwait(false);
            await AptGetAsync(package, ["install", "-y", "-qq", package], cancellationToken).ConfigureAwait(false);
            if (afterInstall is not null)
            {
                await afterInstall(cancellationToken).ConfigureAwait(false);
            }

            return locate() ?? throw new InvalidOperationException($"apt-get installed '{package}' but its server programs are still not found.");
        }
        finally
        {
            ProcessLock.Release();
        }
    }

    private static async Task AptGetAsync(string package, string[] arguments, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"Aurora.Reactive.Testing: {package} is missing; running 'apt-get {string.Join(' ', arguments)}'.").ConfigureAwait(false);
        var result = await CommandRunner.RunAsync("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", .. arguments], user: null, "/", TimeSpan.FromMinutes(15), cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
    }
}
