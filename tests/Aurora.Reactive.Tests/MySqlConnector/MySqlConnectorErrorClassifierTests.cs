using System.Net.Sockets;
using System.Reflection;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.MySqlConnector;
using global::MySqlConnector;

namespace Aurora.Reactive.Tests.MySqlConnector;

public sealed class MySqlConnectorErrorClassifierTests
{
    private static readonly MySqlConnectorErrorClassifier Classifier = MySqlConnectorErrorClassifier.Instance;

    [Theory]
    [InlineData(MySqlErrorCode.UnableToConnectToHost)]
    [InlineData((MySqlErrorCode)2001)]
    [InlineData((MySqlErrorCode)2002)]
    [InlineData((MySqlErrorCode)2003)]
    [InlineData((MySqlErrorCode)2006)]
    [InlineData((MySqlErrorCode)2012)]
    [InlineData((MySqlErrorCode)2013)]
    [InlineData((MySqlErrorCode)2026)]
    [InlineData((MySqlErrorCode)2055)]
    public void Classify_LostOrUnreachableServer_IsNodeUnavailable(MySqlErrorCode code) =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(Error(code)));

    [Theory]
    [InlineData(MySqlErrorCode.OptionPreventsStatement)]
    [InlineData((MySqlErrorCode)1836)]
    public void Classify_ReadOnlyServer_IsReadOnlyNode(MySqlErrorCode code) =>
        Assert.Equal(DriverErrorKind.ReadOnlyNode, Classifier.Classify(Error(code)));

    [Fact]
    public void Classify_ConnectionClassSqlState_IsNodeUnavailable() =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(Error(MySqlErrorCode.None, "08S01")));

    [Theory]
    [InlineData(MySqlErrorCode.DuplicateKeyEntry)]
    [InlineData(MySqlErrorCode.QueryInterrupted)]
    [InlineData(MySqlErrorCode.ParseError)]
    public void Classify_StatementErrors_AreNotFailover(MySqlErrorCode code) =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(Error(code, "42000")));

    [Fact]
    public void Classify_NoCodeButBrokenSocketInside_IsNodeUnavailable() =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(Error(MySqlErrorCode.None, inner: new IOException("reset", new SocketException()))));

    [Fact]
    public void Classify_CallersCancellation_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new OperationCanceledException("cancelled", Error(MySqlErrorCode.QueryInterrupted))));

    [Fact]
    public void Driver_IsMySqlConnectorsAndDoesNotBlock()
    {
        var driver = MySqlConnectorDriver.Instance;

        Assert.Equal("MySqlConnector", driver.DisplayName);
        Assert.False(driver.BlocksInAsyncCalls);
        Assert.Equal(3306, driver.DefaultPort);
        Assert.IsType<MySqlParameter>(driver.CreateParameter());
        Assert.IsType<MySqlConnection>(driver.CreateConnectionFactory("Server=127.0.0.1;Port=3307;User ID=app").CreateConnection(new Aurora.Reactive.Hosts.HostSpec("127.0.0.1", 3308)));
    }

    // MySqlConnector builds its exceptions internally; the tests build them the same way, through the constructor
    // that takes the error code, the SQLSTATE, the message and the inner exception.
    private static MySqlException Error(MySqlErrorCode code, string? sqlState = null, Exception? inner = null)
    {
        var constructor = typeof(MySqlException).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .First(c => c.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(MySqlErrorCode), typeof(string), typeof(string), typeof(Exception)]));
        return (MySqlException)constructor.Invoke([code, sqlState, $"error {(int)code}", inner]);
    }
}
