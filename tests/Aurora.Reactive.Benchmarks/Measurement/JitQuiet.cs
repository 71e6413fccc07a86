using System.Diagnostics;
using System.Runtime;

namespace Aurora.Reactive.Benchmarks.Measurement;

/// <summary>
/// Waits until the JIT has stopped compiling (tier-1 recompilation of warmed-up code runs in the
/// background and would otherwise be charged to whatever is measured next).
/// </summary>
public static class JitQuiet
{
    public static async Task<long> WaitAsync(TimeSpan quietFor, TimeSpan atMost, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var count = JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.StartNew();
        while (quietSince.Elapsed < quietFor && deadline.Elapsed < atMost)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != count)
            {
                count = now;
                quietSince.Restart();
            }
        }

        return count;
    }
}
