namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// The operating-system user that runs the PostgreSQL servers. PostgreSQL refuses to run as root, so a
/// root process runs server commands as <c>postgres</c> through <c>runuser</c>; anyone else runs them as itself.
/// </summary>
internal sealed record ServerUser(string Name, int Uid, int Gid, bool RunsThroughRunuser)
{
    private const string PostgresUserName = "postgres";

    /// <summary>Finds the user for the current process.</summary>
    /// <exception cref="InvalidOperationException">The process is root and there is no <c>postgres</c> user.</exception>
    internal static ServerUser ForCurrentProcess()
    {
        if (!NativeMethods.IsRoot)
        {
            return new ServerUser(Environment.UserName, -1, -1, RunsThroughRunuser: false);
        }

        return FindInPasswd(File.ReadAllLines("/etc/passwd"), PostgresUserName)
            ?? throw new InvalidOperationException(
                "The process runs as root, which PostgreSQL refuses, and there is no 'postgres' user to run the servers as. " +
                "Install the 'postgresql' package (it creates the user) or run the tests as an ordinary user.");
    }

    /// <summary>Reads a user's ids from the lines of <c>/etc/passwd</c>.</summary>
    internal static ServerUser? FindInPasswd(IEnumerable<string> passwdLines, string name)
    {
        foreach (var line in passwdLines)
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name
                && int.TryParse(fields[2], out var uid) && int.TryParse(fields[3], out var gid))
            {
                return new ServerUser(name, uid, gid, RunsThroughRunuser: true);
            }
        }

        return null;
    }

    /// <summary>Makes <paramref name="path"/> (not its content) belong to this user when the servers run as another user.</summary>
    internal void Own(string path)
    {
        if (RunsThroughRunuser)
        {
            NativeMethods.ChangeOwner(path, Uid, Gid);
        }
    }
}
