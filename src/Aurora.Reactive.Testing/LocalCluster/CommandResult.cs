namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws unless the command exited with 0.</summary>
    /// <exception cref="InvalidOperationException">The exit code was not 0.</exception>
    internal CommandResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{CommandLine}' exited with {ExitCode}.{Environment.NewLine}{StandardError.Trim()}{Environment.NewLine}{StandardOutput.Trim()}".TrimEnd());
        }

        return this;
    }
}
