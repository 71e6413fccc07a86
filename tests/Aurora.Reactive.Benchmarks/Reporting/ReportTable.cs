using System.Text;

namespace Aurora.Reactive.Benchmarks.Reporting;

/// <summary>A titled table rendered as Markdown, readable in a terminal and pasteable into the README.</summary>
public sealed class ReportTable(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public string Title { get; } = title;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Table '{Title}' has {headers.Length} columns; a row came with {cells.Length} cells.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public string Render()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder().Append("### ").AppendLine(Title).AppendLine();
        AppendRow(text, headers, widths);
        text.Append('|');
        foreach (var width in widths)
        {
            text.Append(new string('-', width + 2)).Append('|');
        }

        text.AppendLine();
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        }

        text.AppendLine();
    }
}
