namespace Aurora.Reactive.Tests.Marbles;

/// <summary>Finds the repository's <c>marbles/</c> folder and the scenario files in it.</summary>
public static class MarbleScenarioFiles
{
    /// <summary>The folder holding Aurora.Reactive.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Aurora.Reactive.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Aurora.Reactive.sln.");
    }

    /// <summary>Every <c>*.marble</c> under <c>marbles/</c>, as paths relative to the repository root with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> RelativePaths()
    {
        var root = RepositoryRoot();
        var marbles = Path.Combine(root, "marbles");
        return Directory.EnumerateFiles(marbles, "*.marble", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
