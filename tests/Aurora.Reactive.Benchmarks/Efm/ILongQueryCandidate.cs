namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>One way of running a long query whose caller the EFM suite waits to see released after the writer freezes.</summary>
public interface ILongQueryCandidate : IAsyncDisposable
{
    string Label { get; }

    string Description { get; }

    /// <summary>The configured bound on the release, counted from the command's start; <see langword="null"/> when the path promises none.</summary>
    TimeSpan? Bound { get; }

    /// <summary>Opens what the query needs, so that starting it costs no connect.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Runs the long query; completes (or fails) when the caller is released, with how it ended.</summary>
    Task<string> RunAsync();
}
