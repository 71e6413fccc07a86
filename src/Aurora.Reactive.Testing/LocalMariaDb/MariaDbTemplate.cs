using System.Security.Cryptography;
using System.Text;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// One initialized, cleanly shut down MariaDB data folder with the client user and the Aurora emulation in it,
/// made once per machine (see <see cref="KitTemplate"/>) and copied for every node. It is built without a
/// binary log, so every copy starts with the same data and an empty GTID history, ready to replicate.
/// </summary>
internal static class MariaDbTemplate
{
    /// <summary>Returns the template's data folder, building it first when needed.</summary>
    internal static Task<string> EnsureAsync(MariaDbBinaries binaries, ServerUser user, string kitRoot, TimeSpan timeout, CancellationToken cancellationToken) =>
        KitTemplate.EnsureDataAsync(
            kitRoot, "mariadb-template-" + Key(binaries, user), user, (folder, data, token) => BuildAsync(binaries, user, folder, data, timeout, token), binaries.Server, cancellationToken);

    private static async Task BuildAsync(MariaDbBinaries binaries, ServerUser user, string folder, string data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var optionFile = Path.Combine(folder, MariaDbConfiguration.FileName);
        await File.WriteAllTextAsync(optionFile, MariaDbConfiguration.Format(MariaDbConfiguration.TemplateSettings(folder, data, port)), cancellationToken).ConfigureAwait(false);
        (await CommandRunner.RunAsync(
                binaries.InstallDb,
                ["--defaults-file=" + optionFile, "--auth-root-authentication-method=normal", "--skip-test-db"],
                user, folder, timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
        var pid = await MariaDbServerProcess.StartAsync(binaries, user, optionFile, Path.Combine(folder, "server.log"), port, folder, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            await MariaDbSql.ExecuteAsync(port, MariaDbEmulationSql.Setup, cancellationToken).ConfigureAwait(false);
            await MariaDbServerProcess.ShutdownAsync(pid, port, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ProcessTree.Kill(pid);
            throw;
        }
    }

    /// <summary>Changes whenever the programs, the user, the settings or the SQL change, so a stale template is never reused.</summary>
    private static string Key(MariaDbBinaries binaries, ServerUser user)
    {
        var text = string.Join('\n', [binaries.Server, binaries.InstallDb, user.Name, MariaDbConfiguration.Format(MariaDbConfiguration.TemplateSettings("f", "d", 0)), .. MariaDbEmulationSql.Setup]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
