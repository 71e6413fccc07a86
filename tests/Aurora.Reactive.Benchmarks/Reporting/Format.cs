using System.Globalization;

namespace Aurora.Reactive.Benchmarks.Reporting;

/// <summary>Number formatting for tables, culture-invariant.</summary>
public static class Format
{
    public static string Micros(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string SignedSeconds(double value) => double.IsNaN(value) ? "-" : value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " s";

    public static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Integer(double value) => double.IsNaN(value) ? "-" : value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Megabytes(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
