using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.Tests.Testing.LocalMariaDb;

public sealed class MariaDbConfigurationTests
{
    [Fact]
    public void NodeSettings_Reader_IsReadOnlyWithItsIdsBinaryLogAndFilesInItsFolder()
    {
        var text = MariaDbConfiguration.Format(MariaDbConfiguration.NodeSettings("/k/instance-2", "/k/instance-2/data", 41234, 2, "instance-2", readOnly: true));
        var lines = text.Split('\n');

        Assert.Equal("[mariadbd]", lines[1]);
        Assert.Contains("read-only=ON", lines);
        Assert.Contains("server-id=2", lines);
        Assert.Contains("report-host=instance-2", lines);
        Assert.Contains("port=41234", lines);
        Assert.Contains("log-bin=binlog", lines);
        Assert.Contains("log-slave-updates=ON", lines);
        Assert.Contains("pid-file=/k/instance-2/data/mysqld.pid", lines);
        Assert.Contains("secure-file-priv=/k/instance-2/data", lines);
        Assert.Contains("default-time-zone=+00:00", lines);
    }

    [Fact]
    public void NodeSettings_Writer_AcceptsWrites() =>
        Assert.Contains("read-only=OFF", MariaDbConfiguration.Format(MariaDbConfiguration.NodeSettings("/f", "/f/data", 1, 1, "w", readOnly: false)).Split('\n'));

    [Fact]
    public void TemplateSettings_HaveNoBinaryLog_SoCopiesStartWithAnEmptyGtidHistory()
    {
        var lines = MariaDbConfiguration.Format(MariaDbConfiguration.TemplateSettings("/t", "/t/data", 5000)).Split('\n');

        Assert.Contains("skip-log-bin=ON", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("log-bin=", StringComparison.Ordinal));
    }
}
