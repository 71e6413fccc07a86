namespace FailoverDemo.Live;

/// <summary>A row of eighth-block characters, one per value, scaled so that the highest value is a full block.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string From(IReadOnlyList<int> values)
    {
        var highest = values.Count == 0 ? 0 : values.Max();
        return string.Concat(values.Select(v => v <= 0 || highest == 0 ? ' ' : Blocks[Math.Min(Blocks.Length - 1, (int)Math.Ceiling(v * (double)Blocks.Length / highest) - 1)]));
    }
}
