using System.Runtime.InteropServices;

namespace Aurora.Reactive.Benchmarks.Measurement;

/// <summary>
/// CPU time used by this process so far, over all its threads, to the nanosecond where the OS keeps it
/// (<c>CLOCK_PROCESS_CPUTIME_ID</c> on Linux). <see cref="System.Diagnostics.Process.TotalProcessorTime"/> reads
/// <c>/proc</c> in 10 ms ticks, too coarse for one batch. The server is another process, so this is the client's
/// share of an operation alone: the part a library can add to.
/// </summary>
public static class ProcessCpuClock
{
    private const int ProcessCpuTimeId = 2;

    /// <summary>Whether the clock can be read here (Linux); elsewhere <see cref="NowMicros"/> returns NaN.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static double NowMicros() => IsAvailable && TryRead(out var micros) ? micros : double.NaN;

    private static bool TryRead(out double micros)
    {
        micros = double.NaN;
        if (clock_gettime(ProcessCpuTimeId, out var time) != 0)
        {
            return false;
        }

        micros = (time.Seconds * 1_000_000.0) + (time.Nanoseconds / 1_000.0);
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for one call.
    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
