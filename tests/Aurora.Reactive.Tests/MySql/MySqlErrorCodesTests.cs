using Aurora.Reactive.Drivers;
using Aurora.Reactive.MySql;

namespace Aurora.Reactive.Tests.MySql;

public sealed class MySqlErrorCodesTests
{
    [Theory]
    [InlineData(null, "08S01", DriverErrorKind.NodeUnavailable)]
    [InlineData(null, "08001", DriverErrorKind.NodeUnavailable)]
    [InlineData(null, "23000", DriverErrorKind.NotFailover)]
    [InlineData(null, "08", DriverErrorKind.NotFailover)]
    [InlineData(null, null, DriverErrorKind.NotFailover)]
    [InlineData(0, "HY000", DriverErrorKind.NotFailover)]
    [InlineData(1290, "08S01", DriverErrorKind.ReadOnlyNode)]
    [InlineData(2013, "HY000", DriverErrorKind.NodeUnavailable)]
    [InlineData(1213, "40001", DriverErrorKind.NotFailover)]
    public void Classify_NumberAndSqlState_GivesTheKind(int? number, string? sqlState, DriverErrorKind expected) =>
        Assert.Equal(expected, MySqlErrorCodes.Classify(number, sqlState));
}
