namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Makes sure PostgreSQL server programs exist: finds them, or, as root on Debian, installs the
/// <c>postgresql</c> package once (see <see cref="KitPackageInstaller"/>).
/// </summary>
internal static class PostgresInstaller
{
    /// <summary>Finds or installs the programs.</summary>
    /// <exception cref="InvalidOperationException">They are missing and cannot be installed here; the message says what to install.</exception>
    internal static Task<PostgresBinaries> EnsureAsync(string kitRoot, CancellationToken cancellationToken) =>
        KitPackageInstaller.EnsureAsync(
            kitRoot,
            "postgresql",
            PostgresBinaryLocator.Locate,
            "PostgreSQL server programs (initdb, pg_ctl, postgres, pg_basebackup, pg_rewind) were not found on PATH, " +
            $"under {PostgresBinaryLocator.DebianLibraryRoot}/*/bin, or in ${PostgresBinaryLocator.EnvironmentVariable}. " +
            "Install the PostgreSQL server (Debian/Ubuntu: 'apt-get install postgresql'; other systems: the postgresql server package) " +
            $"or set {PostgresBinaryLocator.EnvironmentVariable} to the folder holding them.",
            afterInstall: null,
            cancellationToken);
}
