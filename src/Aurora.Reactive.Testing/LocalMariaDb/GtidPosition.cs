using System.Globalization;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>Reads MariaDB GTID positions: comma-separated <c>domain-server-sequence</c> triples.</summary>
internal static class GtidPosition
{
    /// <summary>The highest sequence number in <paramref name="position"/>; 0 for an empty or missing position.</summary>
    /// <exception cref="FormatException">A triple is not three numbers.</exception>
    internal static long HighestSequence(string? position)
    {
        long highest = 0;
        foreach (var gtid in (position ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = gtid.Split('-');
            if (parts.Length != 3 || !parts.All(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new FormatException($"'{gtid}' in GTID position '{position}' is not domain-server-sequence.");
            }

            highest = Math.Max(highest, long.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        return highest;
    }
}
