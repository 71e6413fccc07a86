namespace FailoverDemo.Tests;

public sealed class DemoArgumentsTests
{
    [Fact]
    public void Parse_NoPlot_DefaultsToTheFileInTheCurrentDirectory() =>
        Assert.Equal("failover-timeline.png", DemoArguments.Parse([]).Plot);

    [Fact]
    public void Parse_PlotInAnExistingDirectory_Accepted()
    {
        var path = Path.Combine(Path.GetTempPath(), "timeline.png");

        Assert.Equal(path, DemoArguments.Parse(["--plot", path, "--scenario", "crash"]).Plot);
    }

    [Fact]
    public void Parse_PlotInAMissingDirectory_ErrorNamesTheOptionTheValueAndTheDirectory()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}");
        var path = Path.Combine(missing, "timeline.png");

        var error = Assert.Throws<ArgumentException>(() => DemoArguments.Parse(["--plot", path]));

        Assert.Equal($"--plot is '{path}'; the directory '{missing}' does not exist.", error.Message);
    }

    [Fact]
    public void Parse_PlotIsADirectory_ErrorAsksForAFile()
    {
        var error = Assert.Throws<ArgumentException>(() => DemoArguments.Parse(["--plot", Path.GetTempPath()]));

        Assert.StartsWith($"--plot is '{Path.GetTempPath()}'; it must name a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PlotWithoutValue_ErrorNamesTheOption() =>
        Assert.Equal("--plot needs a value.", Assert.Throws<ArgumentException>(() => DemoArguments.Parse(["--plot"])).Message);
}
