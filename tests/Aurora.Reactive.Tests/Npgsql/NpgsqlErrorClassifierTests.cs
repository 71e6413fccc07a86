using System.Net.Sockets;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Npgsql;
using Npgsql;

namespace Aurora.Reactive.Tests.Npgsql;

public sealed class NpgsqlErrorClassifierTests
{
    private static readonly NpgsqlErrorClassifier Classifier = NpgsqlErrorClassifier.Instance;

    private static PostgresException ServerError(string sqlState) =>
        new("message text", "ERROR", "ERROR", sqlState);

    [Fact]
    public void Classify_UniqueViolation_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(ServerError("23505")));

    [Fact]
    public void Classify_AdminShutdown_IsNodeUnavailable() =>
        Assert.Equal(DriverErrorKind.NodeUnavailable, Classifier.Classify(ServerError("57P01")));

    [Fact]
    public void Classify_ReadOnlyTransaction_IsReadOnlyNode() =>
        Assert.Equal(DriverErrorKind.ReadOnlyNode, Classifier.Classify(ServerError("25006")));

    [Fact]
    public void Classify_ReadingFromStreamFailed_IsNodeUnavailable() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));

    [Fact]
    public void Classify_ConnectRefused_IsNodeUnavailable() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void Classify_CommandTimeout_IsNodeUnavailable() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(new NpgsqlException("Exception while reading from stream", new TimeoutException())));

    [Fact]
    public void Classify_MultiHostNoSuitableHost_LooksInsideTheAggregate() =>
        Assert.Equal(
            DriverErrorKind.NodeUnavailable,
            Classifier.Classify(new NpgsqlException(
                "Unable to connect to a suitable host",
                new NpgsqlException("wrapped", new AggregateException(new InvalidCastException(), new IOException("reset"))))));

    [Fact]
    public void Classify_AggregateOfOrdinaryErrors_IsNotFailover() =>
        Assert.Equal(
            DriverErrorKind.NotFailover,
            Classifier.Classify(new AggregateException(ServerError("23505"), new InvalidOperationException())));

    [Fact]
    public void Classify_CallerCancellation_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new OperationCanceledException()));

    [Fact]
    public void Classify_ClientSideMisuse_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new InvalidCastException("column 0 is text")));

    [Fact]
    public void Classify_NpgsqlErrorWithoutTransportCause_IsNotFailover() =>
        Assert.Equal(DriverErrorKind.NotFailover, Classifier.Classify(new NpgsqlException("protocol misuse")));

    [Fact]
    public void Classify_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Classifier.Classify(null!));
}
