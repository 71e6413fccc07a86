using System.Data;
using Aurora.Reactive.Connections;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraParameterTests
{
    [Fact]
    public void SourceVersion_Default_IsCurrent() => Assert.Equal(DataRowVersion.Current, new AuroraParameter().SourceVersion);

    [Fact]
    public void CopyTo_DriverParameter_CarriesSourceVersion()
    {
        var neutral = new AuroraParameter("p", 1) { SourceVersion = DataRowVersion.Original };
        var driver = new NpgsqlParameter();

        neutral.CopyTo(driver);

        Assert.Equal(DataRowVersion.Original, driver.SourceVersion);
    }
}
