namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Makes sure PostgreSQL server programs exist: finds them, or, as root on Debian, installs the
/// <c>postgresql</c> package once (a process-wide lock and a file lock keep parallel test processes
/// from installing twice).
/// </summary>
internal static class PostgresInstaller
{
    private static readonly SemaphoreSlim ProcessLock = new(1, 1);

    /// <summary>Finds or installs the programs.</summary>
    /// <exception cref="InvalidOperationException">They are missing and cannot be installed here; the message says what to install.</exception>
    internal static async Task<PostgresBinaries> EnsureAsync(string kitRoot, CancellationToken cancellationToken)
    {
        var found = PostgresBinaryLocator.Locate();
        if (found is not null)
        {
            return found;
        }

        if (!NativeMethods.IsRoot || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                "PostgreSQL server programs (initdb, pg_ctl, postgres, pg_basebackup, pg_rewind) were not found on PATH, " +
                $"under {PostgresBinaryLocator.DebianLibraryRoot}/*/bin, or in ${PostgresBinaryLocator.EnvironmentVariable}. " +
                "Install the PostgreSQL server (Debian/Ubuntu: 'apt-get install postgresql'; other systems: the postgresql server package) " +
                $"or set {PostgresBinaryLocator.EnvironmentVariable} to the folder holding them.");
        }

        await ProcessLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await KitFileLock.AcquireAsync(Path.Combine(kitRoot, "install.lock"), cancellationToken).ConfigureAwait(false);
            found = PostgresBinaryLocator.Locate();
            if (found is not null)
            {
                return found;
            }

            await AptGetAsync(["update", "-qq"], cancellationToken).ConfigureAwait(false);
            await AptGetAsync(["install", "-y", "-qq", "postgresql"], cancellationToken).ConfigureAwait(false);
            return PostgresBinaryLocator.Locate()
                ?? throw new InvalidOperationException("apt-get installed 'postgresql' but its server programs are still not found.");
        }
        finally
        {
            ProcessLock.Release();
        }
    }

    private static async Task AptGetAsync(string[] arguments, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"Aurora.Reactive.Testing: PostgreSQL is missing; running 'apt-get {string.Join(' ', arguments)}'.").ConfigureAwait(false);
        var result = await CommandRunner.RunAsync("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", .. arguments], user: null, "/", TimeSpan.FromMinutes(15), cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
    }
}
