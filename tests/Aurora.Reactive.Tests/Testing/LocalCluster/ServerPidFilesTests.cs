using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class ServerPidFilesTests : IDisposable
{
    private readonly string cluster = Directory.CreateTempSubdirectory("pid-files-").FullName;

    [Fact]
    public void Find_ClusterOfBothKinds_FindsPostgresAndMariaDbPidFilesOnly()
    {
        var postgres = Write("instance-1/data/postmaster.pid", "4242\n/data\n");
        var mariadb = Write("instance-2/data/mysqld.pid", "5151\n");
        Write("instance-2/data/other.pid", "99\n");

        Assert.Equal([postgres, mariadb], ServerPidFiles.Find(cluster).Order());
        Assert.Equal(4242, ServerPidFiles.ProcessId(postgres));
        Assert.Equal(5151, ServerPidFiles.ProcessId(mariadb));
    }

    [Fact]
    public void ProcessId_MalformedOrMissing_IsNull()
    {
        Assert.Null(ServerPidFiles.ProcessId(Write("a/data/mysqld.pid", "not a pid")));
        Assert.Null(ServerPidFiles.ProcessId(Path.Combine(cluster, "missing.pid")));
    }

    public void Dispose() => Directory.Delete(cluster, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(cluster, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
