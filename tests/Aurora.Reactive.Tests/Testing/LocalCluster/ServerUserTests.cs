using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class ServerUserTests
{
    [Fact]
    public void FindInPasswd_UserPresent_ReadsItsIds()
    {
        var user = ServerUser.FindInPasswd(
            ["root:x:0:0:root:/root:/bin/bash", "postgres:x:101:104:PostgreSQL administrator:/var/lib/postgresql:/bin/bash"],
            "postgres");

        Assert.Equal(new ServerUser("postgres", 101, 104, RunsThroughRunuser: true), user);
    }

    [Fact]
    public void FindInPasswd_UserMissingOrMalformed_ReturnsNull()
    {
        Assert.Null(ServerUser.FindInPasswd(["postgresql:x:1:1::/:/bin/sh", "postgres:x:abc:1"], "postgres"));
    }
}
