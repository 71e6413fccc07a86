using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Cli;

namespace Aurora.Reactive.Benchmarks.Reporting;

/// <summary>The machine a run happened on, so numbers are read with their context (a shared 2-core box is noisy).</summary>
public sealed record RunEnvironment(DateTime StartedUtc, int Cores, string LoadAverage, string Runtime, string OperatingSystem, string CommandLine)
{
    public string Summary => $"{Cores} cores, load average {LoadAverage}, {Runtime}, {OperatingSystem}";

    public static RunEnvironment Capture(BenchmarkArguments arguments) => new(
        DateTime.UtcNow,
        Environment.ProcessorCount,
        ReadLoadAverage(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        "dotnet run -c Release --project tests/Aurora.Reactive.Benchmarks -- " + arguments.Suite
            + (arguments.Json ? " --json" : string.Empty) + (arguments.Quick ? " --quick" : string.Empty)
            + string.Concat(arguments.Numbers.Select(n => string.Create(CultureInfo.InvariantCulture, $" {n.Key} {n.Value}"))));

    public static string ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" ", fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    public JsonObject ToJson() => new()
    {
        ["startedUtc"] = StartedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["cores"] = Cores,
        ["loadAverageAtStart"] = LoadAverage,
        ["loadAverageAtEnd"] = ReadLoadAverage(),
        ["runtime"] = Runtime,
        ["os"] = OperatingSystem,
        ["command"] = CommandLine,
    };
}
