using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// Starts <c>mariadbd</c> in the background (as the server user, detached from the test host's output) with an
/// option file, and waits until it accepts connections as <c>root</c> on its port.
/// </summary>
internal static class MariaDbServerProcess
{
    // The shell starts the server in the background and prints its process id; the server's own output goes to its error log.
    private const string Launch = "\"$@\" </dev/null >/dev/null 2>&1 & echo $!";

    /// <summary>Starts the server and returns its process id once it answers.</summary>
    /// <exception cref="InvalidOperationException">The server exited during start; the message holds the end of its log.</exception>
    /// <exception cref="TimeoutException">It did not answer within <paramref name="timeout"/>.</exception>
    internal static async Task<int> StartAsync(
        MariaDbBinaries binaries, ServerUser user, string optionFile, string logFile, int port, string workingFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var launched = (await CommandRunner.RunAsync(
                "/bin/sh", ["-c", Launch, "mariadb-kit", binaries.Server, "--defaults-file=" + optionFile], user, workingFolder, timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
        var pid = int.Parse(launched.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        try
        {
            await ServerSql.WaitUntilAsync(
            async token =>
            {
                if (!ProcessTree.IsLive(pid))
                {
                    throw new ServerExitedException($"mariadbd ({optionFile}) exited during start:{Environment.NewLine}{LogTail(logFile)}");
                }

                return await MariaDbSql.ScalarAsync(port, "SELECT 1", token).ConfigureAwait(false) is not null;
            },
            timeout,
            $"mariadbd on port {port} accepts connections",
            cancellationToken).ConfigureAwait(false);
        }
        catch (ServerExitedException exited)
        {
            throw new InvalidOperationException(exited.Message);
        }

        return pid;
    }

    /// <summary>Asks the server to shut down cleanly and waits until its process is gone.</summary>
    internal static async Task ShutdownAsync(int pid, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await MariaDbSql.ExecuteAsync(port, ["SHUTDOWN"], cancellationToken).ConfigureAwait(false);
        await ProcessTree.WaitGoneAsync([pid], timeout, cancellationToken).ConfigureAwait(false);
    }

    private static string LogTail(string logFile)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(15));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>The server process ended while the kit waited for it to answer; of a type the wait does not retry.</summary>
    private sealed class ServerExitedException(string message) : Exception(message);
}
