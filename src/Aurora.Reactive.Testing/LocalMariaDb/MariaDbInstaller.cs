using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// Makes sure the MariaDB server exists: finds it, or, as root on Debian, installs <c>mariadb-server</c> once
/// (under the same locks as the PostgreSQL kit's install). The package may start and enable its system
/// service; right after installing, the kit stops and disables it, and never touches it otherwise.
/// </summary>
internal static class MariaDbInstaller
{
    private const string Package = "mariadb-server";

    /// <summary>Finds or installs the programs.</summary>
    /// <exception cref="InvalidOperationException">They are missing and cannot be installed here; the message says what to install.</exception>
    internal static Task<MariaDbBinaries> EnsureAsync(string kitRoot, CancellationToken cancellationToken) =>
        KitPackageInstaller.EnsureAsync(
            kitRoot,
            Package,
            MariaDbBinaries.Locate,
            "The MariaDB server (mariadbd or mysqld, and mariadb-install-db or mysql_install_db) was not found on PATH, in /usr/sbin or in /usr/bin. " +
            "Install it (Debian/Ubuntu: 'apt-get install mariadb-server'; other systems: the MariaDB server package).",
            StopSystemServiceAsync,
            cancellationToken);

    private static async Task StopSystemServiceAsync(CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMinutes(1);
        if (Directory.Exists("/run/systemd/system"))
        {
            await CommandRunner.RunAsync("systemctl", ["disable", "--now", "mariadb"], user: null, "/", timeout, cancellationToken).ConfigureAwait(false);
        }
        else if (File.Exists("/etc/init.d/mariadb"))
        {
            await CommandRunner.RunAsync("/etc/init.d/mariadb", ["stop"], user: null, "/", timeout, cancellationToken).ConfigureAwait(false);
            await CommandRunner.RunAsync("update-rc.d", ["mariadb", "disable"], user: null, "/", timeout, cancellationToken).ConfigureAwait(false);
        }
    }
}
