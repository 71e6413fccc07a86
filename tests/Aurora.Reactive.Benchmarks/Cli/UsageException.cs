namespace Aurora.Reactive.Benchmarks.Cli;

/// <summary>The command line is wrong; the message names the bad argument. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
