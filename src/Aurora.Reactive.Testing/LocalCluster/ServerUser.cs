namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// The operating-system user that runs the database servers. The kit never runs a server as root (PostgreSQL
/// refuses to), so a root process runs server commands as the server's own account (<c>postgres</c>,
/// <c>mysql</c>) through <c>runuser</c>; anyone else runs them as itself.
/// </summary>
internal sealed record ServerUser(string Name, int Uid, int Gid, bool RunsThroughRunuser)
{
    /// <summary>Finds the user for the current process: itself, or as root the account <paramref name="serverAccount"/>.</summary>
    /// <param name="serverAccount">The account the server package creates (<c>postgres</c>, <c>mysql</c>).</param>
    /// <param name="package">The package that creates it, for the message.</param>
    /// <exception cref="InvalidOperationException">The process is root and there is no such account.</exception>
    internal static ServerUser ForCurrentProcess(string serverAccount = "postgres", string package = "postgresql")
    {
        if (!NativeMethods.IsRoot)
        {
            return new ServerUser(Environment.UserName, -1, -1, RunsThroughRunuser: false);
        }

        return FindInPasswd(File.ReadAllLines("/etc/passwd"), serverAccount)
            ?? throw new InvalidOperationException(
                $"The process runs as root, which the kit never runs servers as, and there is no '{serverAccount}' user to run them as. " +
                $"Install the '{package}' package (it creates the user) or run the tests as an ordinary user.");
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
