namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Finds PostgreSQL server programs: the folder named by <see cref="EnvironmentVariable"/> first, then
/// the folder of a <c>pg_ctl</c> on PATH (following symbolic links such as Debian's
/// <c>/usr/local/bin/pg_ctl</c>), then the highest version under <c>/usr/lib/postgresql/*/bin</c>.
/// </summary>
internal static class PostgresBinaryLocator
{
    /// <summary>Environment variable naming the folder with initdb, pg_ctl, postgres, pg_basebackup and pg_rewind.</summary>
    internal const string EnvironmentVariable = "AURORA_PG_BIN";

    /// <summary>Where Debian and Ubuntu install one folder per PostgreSQL major version.</summary>
    internal const string DebianLibraryRoot = "/usr/lib/postgresql";

    /// <summary>Looks in the places the process environment names.</summary>
    /// <exception cref="InvalidOperationException">The environment variable names a folder without the programs.</exception>
    internal static PostgresBinaries? Locate() =>
        Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetEnvironmentVariable("PATH"), DebianLibraryRoot);

    /// <summary>Looks in the given places; see the type's summary for the order.</summary>
    /// <param name="environmentValue">The value of <see cref="EnvironmentVariable"/>, or null.</param>
    /// <param name="pathValue">The PATH, or null.</param>
    /// <param name="libraryRoot">The folder holding one subfolder per major version.</param>
    /// <exception cref="InvalidOperationException"><paramref name="environmentValue"/> names a folder without the programs.</exception>
    internal static PostgresBinaries? Locate(string? environmentValue, string? pathValue, string libraryRoot)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            if (!PostgresBinaries.IsComplete(environmentValue))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable}='{environmentValue}' does not name a folder holding {string.Join(", ", PostgresBinaries.RequiredPrograms)}.");
            }

            return new PostgresBinaries(environmentValue);
        }

        return FromPath(pathValue) ?? FromLibraryRoot(libraryRoot);
    }

    private static PostgresBinaries? FromPath(string? pathValue)
    {
        foreach (var folder in (pathValue ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (!File.Exists(pgCtl))
            {
                continue;
            }

            var target = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true);
            var realFolder = target is null ? folder : Path.GetDirectoryName(target.FullName);
            if (realFolder is not null && PostgresBinaries.IsComplete(realFolder))
            {
                return new PostgresBinaries(realFolder);
            }

            if (PostgresBinaries.IsComplete(folder))
            {
                return new PostgresBinaries(folder);
            }
        }

        return null;
    }

    private static PostgresBinaries? FromLibraryRoot(string libraryRoot)
    {
        if (!Directory.Exists(libraryRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(libraryRoot)
            .Select(versionFolder => (Version: ParseVersion(Path.GetFileName(versionFolder)), Bin: Path.Combine(versionFolder, "bin")))
            .Where(candidate => candidate.Version is not null && PostgresBinaries.IsComplete(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => new PostgresBinaries(candidate.Bin))
            .FirstOrDefault();
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;
}
