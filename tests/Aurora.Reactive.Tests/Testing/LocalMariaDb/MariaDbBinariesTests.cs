using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.Tests.Testing.LocalMariaDb;

public sealed class MariaDbBinariesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mariadb-binaries-").FullName;

    [Fact]
    public void Locate_ServerAndInstallerInDifferentFolders_FindsBothPreferringTheMariaDbNames()
    {
        var sbin = Folder("sbin", "mysqld", "mariadbd");
        var bin = Folder("bin", "mysql_install_db");

        var found = MariaDbBinaries.Locate([bin, sbin]);

        Assert.Equal(new MariaDbBinaries(Path.Combine(sbin, "mariadbd"), Path.Combine(bin, "mysql_install_db")), found);
    }

    [Fact]
    public void Locate_NoInstaller_FindsNothing() =>
        Assert.Null(MariaDbBinaries.Locate([Folder("only-server", "mariadbd")]));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Folder(string name, params string[] programs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        foreach (var program in programs)
        {
            File.WriteAllText(Path.Combine(folder, program), string.Empty);
        }

        return folder;
    }
}
