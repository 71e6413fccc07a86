using Aurora.Reactive.Drivers;
using Aurora.Reactive.Npgsql;

namespace Aurora.Reactive.Tests.Drivers;

public sealed class PostgresSqlStatesTests
{
    [Theory]
    [InlineData("08000")]
    [InlineData("08006")]
    [InlineData("08P01")]
    [InlineData("53100")]
    [InlineData("53300")]
    [InlineData("57P01")]
    [InlineData("57P02")]
    [InlineData("57P03")]
    [InlineData("58030")]
    [InlineData("XX000")]
    public void Classify_ConnectionResourceShutdownSystemAndInternalCodes_AreNodeUnavailable(string sqlState) =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, PostgresSqlStates.Classify(sqlState));

    [Fact]
    public void Classify_ReadOnlyTransaction_IsReadOnlyNode() =>
        Assert.Equal(DriverErrorKind.ReadOnlyNode, PostgresSqlStates.Classify("25006"));

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42601")] // syntax error
    [InlineData("40001")] // serialization failure: transient, but the node is fine
    [InlineData("40P01")] // deadlock
    [InlineData("57014")] // query cancelled
    [InlineData("57P04")] // database dropped: not a shutdown
    [InlineData("25001")] // active transaction: same class as read-only, different meaning
    [InlineData("")]
    [InlineData("08")]
    [InlineData(null)]
    public void Classify_OrdinaryOrMalformedCodes_AreNotFailover(string? sqlState) =>
        Assert.Equal(DriverErrorKind.NotFailover, PostgresSqlStates.Classify(sqlState));
}
