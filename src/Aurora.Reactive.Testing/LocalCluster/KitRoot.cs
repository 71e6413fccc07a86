namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>The machine-wide folder holding the template and one folder per running cluster.</summary>
internal static class KitRoot
{
    /// <summary>Prefix of every cluster folder's name; the reaper only touches folders named so.</summary>
    internal const string ClusterFolderPrefix = "cluster-";

    /// <summary><c>aurora-reactive-kit</c> under the system's temporary folder.</summary>
    internal static string DefaultPath => Path.Combine(Path.GetTempPath(), "aurora-reactive-kit");

    /// <summary>Creates the folder when missing, open to every user (with the sticky bit, like /tmp) so root and ordinary users can share it.</summary>
    internal static string Ensure(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            if (OperatingSystem.IsWindows())
            {
                return path;
            }

            try
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit);
            }
            catch (UnauthorizedAccessException)
            {
                // Another user created it a moment ago; its mode is theirs to set.
            }
        }

        return path;
    }

    /// <summary>Creates a new cluster folder (named for this process), writes the owner marker into it and gives it to the server user.</summary>
    internal static string CreateClusterFolder(string kitRoot, OwnerMarker owner, ServerUser user)
    {
        var folder = Path.Combine(
            kitRoot,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ClusterFolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"));
        Directory.CreateDirectory(folder);
        owner.Write(folder);
        user.Own(folder);
        return folder;
    }
}
