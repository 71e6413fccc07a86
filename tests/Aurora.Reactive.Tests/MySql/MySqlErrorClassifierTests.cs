using System.Net.Sockets;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.MySql;

namespace Aurora.Reactive.Tests.MySql;

public sealed class MySqlErrorClassifierTests
{
    private static readonly MySqlErrorClassifier Classifier = MySqlErrorClassifier.Instance;

    [Theory]
    [InlineData(2001)]
    [InlineData(2002)]
    [InlineData(2003)]
    [InlineData(2004)]
    [InlineData(2005)]
    [InlineData(2006)]
    [InlineData(2012)]
    [InlineData(2013)]
    [InlineData(2026)]
    [InlineData(2055)]
    [InlineData(1042)]
    public void Classify_MySqlDataClientErrorOfALostServer_IsNodeUnavailable(int number) =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(MySqlDataErrors.Client(number)));

    [Theory]
    [InlineData(2000)]
    [InlineData(2007)]
    [InlineData(2014)]
    [InlineData(2054)]
    public void Classify_NeighbouringClientErrors_AreNotFailover(int number) =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(MySqlDataErrors.Client(number)));

    [Theory]
    [InlineData(1290u)]
    [InlineData(1836u)]
    public void Classify_MySqlDataReadOnlyServerError_IsReadOnlyNode(uint code) =>
        Assert.Equal(DriverErrorKind.ReadOnlyNode, Classifier.Classify(MySqlDataErrors.Server(code, "HY000")));

    [Fact]
    public void Classify_MySqlDataDuplicateKey_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(MySqlDataErrors.Server(1062, "23000")));

    [Fact]
    public void Classify_ServerShutdownWithSqlState08S01_IsNodeUnavailable() =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(MySqlDataErrors.Server(1053, "08S01")));

    [Fact]
    public void Classify_MySqlDataFatalErrorWrappingALostConnection_LooksInside() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(MySqlDataErrors.Wrapping("Fatal error encountered during command execution.", MySqlDataErrors.Wrapping("Reading from the stream has failed.", new EndOfStreamException()))));

    [Fact]
    public void Classify_MySqlDataUnableToConnectWithSocketError_IsNodeUnavailable() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(MySqlDataErrors.Wrapping("Unable to connect to any of the specified MySQL hosts.", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void Classify_ProviderErrorWrappingAnOrdinaryError_IsNotFailover() =>
        Assert.Equal(
            DriverErrorKind.NotFailover,
            Classifier.Classify(MySqlDataErrors.Wrapping("Fatal error encountered during command execution.", new FormatException("bad value"))));

    [Fact]
    public void Classify_ConnectorStyleReadOnly_ReadsNumberDespiteAHidingErrorCode() =>
        Assert.Equal(DriverErrorKind.ReadOnlyNode, Classifier.Classify(new ConnectorStyleException(1290, "HY000")));

    [Fact]
    public void Classify_ConnectorStyleDuplicateKey_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new ConnectorStyleException(1062, "23000")));

    [Fact]
    public void Classify_ConnectorStyleConnectionSqlStateWithoutNumber_IsNodeUnavailable() =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(new ConnectorStyleException(0, "08004")));

    [Theory]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(EndOfStreamException))]
    public void Classify_TransportErrorInsideAnUnknownProviderError_IsNodeUnavailable(Type transport) =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(new ConnectorStyleException(0, null, (Exception)Activator.CreateInstance(transport)!)));

    [Fact]
    public void Classify_BareSocketError_IsNodeUnavailable() =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(new SocketException((int)SocketError.ConnectionReset)));

    [Fact]
    public void Classify_AggregateWithOneReadOnlyAndOneLostServer_IsNodeUnavailable() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(new AggregateException(MySqlDataErrors.Server(1290, "HY000"), MySqlDataErrors.Client(2013))));

    [Fact]
    public void Classify_AggregateWithOneReadOnlyAndOneOrdinary_IsReadOnlyNode() =>
        Assert.Equal(
            DriverErrorKind.ReadOnlyNode,
            Classifier.Classify(new AggregateException(MySqlDataErrors.Server(1062, "23000"), MySqlDataErrors.Server(1836, "HY000"))));

    [Fact]
    public void Classify_CallerCancellation_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new OperationCanceledException()));

    [Fact]
    public void Classify_NonDatabaseError_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new InvalidOperationException("Connection must be valid and open.")));

    [Fact]
    public void Classify_Null_ThrowsNamingTheArgument() =>
        Assert.Equal("error", Assert.Throws<ArgumentNullException>(() => Classifier.Classify(null!)).ParamName);
}
