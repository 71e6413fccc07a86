using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// One initialized, cleanly shut down data folder with the Aurora functions in it, made once per
/// machine and version of this kit, and copied for every node: copying is far faster than initdb, and
/// copies of one cleanly shut down folder can stream from each other as primary and standbys.
/// </summary>
internal static class ClusterTemplate
{
    /// <summary>Returns the template's data folder, building it first when needed.</summary>
    internal static Task<string> EnsureAsync(PostgresBinaries binaries, ServerUser user, string kitRoot, TimeSpan timeout, CancellationToken cancellationToken) =>
        KitTemplate.EnsureDataAsync(
            kitRoot, "template-" + Key(binaries, user), user, (folder, data, token) => BuildAsync(binaries, user, folder, data, timeout, token), binaries.Directory, cancellationToken);

    private static async Task BuildAsync(PostgresBinaries binaries, ServerUser user, string folder, string data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        (await CommandRunner.RunAsync(
            binaries.Initdb,
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N", "--wal-segsize=1"],
            user, folder, timeout, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        await File.AppendAllTextAsync(
            Path.Combine(data, "postgresql.conf"),
            "\n# Aurora.Reactive local cluster kit\n" + ServerConfiguration.Format(ServerConfiguration.TemplateSettings),
            cancellationToken).ConfigureAwait(false);

        var port = FreePort.Next();
        var nodeFile = Path.Combine(data, ServerConfiguration.NodeFileName);
        var emptyNodeFile = await File.ReadAllTextAsync(nodeFile, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            nodeFile,
            ServerConfiguration.Format(ServerConfiguration.NodeSettings("template", port, null, [], [])),
            cancellationToken).ConfigureAwait(false);
        var log = Path.Combine(folder, "template.log");
        var seconds = ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        (await CommandRunner.RunAsync(binaries.PgCtl, ["-D", data, "-l", log, "-w", "-t", seconds, "start"], user, folder, timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
        try
        {
            foreach (var database in new[] { "template1", "postgres" })
            {
                await using var connection = new NpgsqlConnection(ServerSql.ConnectionString(port, database));
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand(AuroraEmulationSql.CreateFunctions, connection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            (await CommandRunner.RunAsync(binaries.PgCtl, ["-D", data, "-m", "fast", "-w", "-t", seconds, "stop"], user, folder, timeout, CancellationToken.None)
                .ConfigureAwait(false)).EnsureSuccess();
        }

        await File.WriteAllTextAsync(nodeFile, emptyNodeFile, cancellationToken).ConfigureAwait(false);
        File.Delete(log);
    }

    /// <summary>Changes whenever the programs, the user, the settings or the SQL change, so a stale template is never reused.</summary>
    private static string Key(PostgresBinaries binaries, ServerUser user)
    {
        var text = string.Join('\n', binaries.Directory, user.Name, ServerConfiguration.Format(ServerConfiguration.TemplateSettings), AuroraEmulationSql.CreateFunctions);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
