namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>The MariaDB server program and the program that initializes a data folder.</summary>
internal sealed record MariaDbBinaries(string Server, string InstallDb)
{
    private static readonly string[] ServerNames = ["mariadbd", "mysqld"];
    private static readonly string[] InstallDbNames = ["mariadb-install-db", "mysql_install_db"];

    /// <summary>Looks on PATH, then in <c>/usr/sbin</c> and <c>/usr/bin</c> (Debian puts the server in /usr/sbin, off an ordinary user's PATH).</summary>
    internal static MariaDbBinaries? Locate() =>
        Locate((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/bin"]));

    /// <summary>Looks in the given folders, in order; the first folder holding a program wins.</summary>
    internal static MariaDbBinaries? Locate(IEnumerable<string> folders)
    {
        var list = folders.ToArray();
        var server = Find(list, ServerNames);
        var installDb = Find(list, InstallDbNames);
        return server is not null && installDb is not null ? new MariaDbBinaries(server, installDb) : null;
    }

    private static string? Find(IReadOnlyList<string> folders, IReadOnlyList<string> names) =>
        names.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
}
