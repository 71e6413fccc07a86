using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class PostgresBinaryLocatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("locator-tests-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Locate_EnvironmentVariableNamesACompleteFolder_UsesItFirst()
    {
        var custom = MakeBin("custom");
        MakeBin("lib/15/bin");

        var found = PostgresBinaryLocator.Locate(custom, pathValue: null, Path.Combine(root, "lib"));

        Assert.Equal(custom, found!.Directory);
    }

    [Fact]
    public void Locate_EnvironmentVariableNamesAFolderWithoutTheServer_ThrowsNamingTheVariableAndValue()
    {
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;

        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaryLocator.Locate(empty, null, root));

        Assert.Contains($"AURORA_PG_BIN='{empty}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_PathHoldsASymlinkToPgCtl_UsesTheLinkTargetsFolder()
    {
        var real = MakeBin("lib/15/bin");
        var linkFolder = Directory.CreateDirectory(Path.Combine(root, "usr-local-bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(linkFolder, "pg_ctl"), Path.Combine(real, "pg_ctl"));

        var found = PostgresBinaryLocator.Locate(null, "/nonexistent" + Path.PathSeparator + linkFolder, Path.Combine(root, "none"));

        Assert.Equal(real, found!.Directory);
    }

    [Fact]
    public void Locate_NothingOnPath_TakesTheHighestVersionUnderTheLibraryRoot()
    {
        MakeBin("lib/9.6/bin");
        var highest = MakeBin("lib/15/bin");
        MakeBin("lib/10/bin");

        var found = PostgresBinaryLocator.Locate(null, string.Empty, Path.Combine(root, "lib"));

        Assert.Equal(highest, found!.Directory);
    }

    [Fact]
    public void Locate_HighestVersionLacksPgRewind_TakesTheNextCompleteOne()
    {
        var complete = MakeBin("lib/14/bin");
        var incomplete = MakeBin("lib/16/bin");
        File.Delete(Path.Combine(incomplete, "pg_rewind"));

        var found = PostgresBinaryLocator.Locate(null, null, Path.Combine(root, "lib"));

        Assert.Equal(complete, found!.Directory);
    }

    [Fact]
    public void Locate_NothingAnywhere_ReturnsNull()
    {
        Assert.Null(PostgresBinaryLocator.Locate(null, root, Path.Combine(root, "missing")));
    }

    private string MakeBin(string relative)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, relative)).FullName;
        foreach (var program in PostgresBinaries.RequiredPrograms)
        {
            File.WriteAllText(Path.Combine(folder, program), string.Empty);
        }

        return folder;
    }
}
