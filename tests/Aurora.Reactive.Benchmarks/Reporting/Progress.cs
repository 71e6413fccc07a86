using System.Globalization;

namespace Aurora.Reactive.Benchmarks.Reporting;

/// <summary>Progress lines go to stderr, so stdout holds only the tables and the JSON line.</summary>
public static class Progress
{
    public static void Write(string message) =>
        Console.Error.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}] {message}");
}
