using System.Diagnostics;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Runs short-lived commands (initdb, pg_ctl, pg_rewind, cp) and collects their output.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="file"/>, as <paramref name="user"/> when it is given and differs from the process user.</summary>
    /// <exception cref="TimeoutException">The command did not finish within <paramref name="timeout"/>; it is killed.</exception>
    internal static async Task<CommandResult> RunAsync(
        string file,
        IReadOnlyList<string> arguments,
        ServerUser? user,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (user is { RunsThroughRunuser: true })
        {
            info.FileName = "runuser";
            foreach (var prefix in new[] { "-u", user.Name, "--", file })
            {
                info.ArgumentList.Add(prefix);
            }
        }
        else
        {
            info.FileName = file;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', new[] { file }.Concat(arguments));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"'{commandLine}' did not finish within {timeout.TotalSeconds:0.#} s and was killed.");
        }

        return new CommandResult(commandLine, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
