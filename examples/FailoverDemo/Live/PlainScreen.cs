namespace FailoverDemo.Live;

/// <summary>The plain-line form of the view, for redirected output and CI: one line per timeline entry and a periodic status line.</summary>
internal static class PlainScreen
{
    public static string Entry(TimelineNoted entry) => $"[{entry.At.TotalSeconds,6:0.000} s] {entry.What}";

    public static string Status(LiveScreen screen) =>
        $"[{screen.Elapsed.TotalSeconds,6:0.000} s] {screen.Phase}; "
        + $"writes/s {screen.WritesPerSecond}, acknowledged {screen.Acknowledged}, caller errors {screen.Errors}; "
        + $"writer {screen.Writer ?? "not read yet"}; "
        + string.Join(", ", screen.Hosts.Select(h => $"{h.Name} {h.Role} {h.Health}"));
}
