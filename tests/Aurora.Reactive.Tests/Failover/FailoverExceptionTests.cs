using System.Data.Common;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Failover;

public sealed class FailoverExceptionTests
{
    private static readonly HostSpec Old = new("old-writer.example.com", 5432, "instance-1", HostRole.Writer);
    private static readonly HostSpec New = new("new-writer.example.com", 5433, "instance-2", HostRole.Writer);
    private static readonly Exception Cause = new IOException("connection reset");

    public static TheoryData<FailoverException, string, bool> Outcomes() => new()
    {
        { new FailoverSuccessException(Old, New, Cause), "08S02", true },
        { new TransactionResolutionUnknownException(Old, New, Cause), "08007", true },
        { new FailoverFailedException(Old, Cause, "no writer within 300 s"), "08001", false },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Outcome_HasStableSqlStateAndUsability(FailoverException error, string sqlState, bool usable)
    {
        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(usable, error.IsConnectionUsable);
        Assert.Equal(usable, error.IsTransient);
        Assert.IsAssignableFrom<DbException>(error);
        Assert.Same(Cause, error.InnerException);
        Assert.Equal(Old, error.OldHost);
    }

    [Fact]
    public void FailoverSuccess_Message_NamesBothNodesAndSaysToRunTheStatementAgain()
    {
        var error = new FailoverSuccessException(Old, New, Cause);

        Assert.Contains("instance-1@old-writer.example.com:5432", error.Message, StringComparison.Ordinal);
        Assert.Contains("instance-2@new-writer.example.com:5433", error.Message, StringComparison.Ordinal);
        Assert.Contains("run the statement again", error.Message, StringComparison.Ordinal);
        Assert.Equal(New, error.NewHost);
    }

    [Fact]
    public void TransactionResolutionUnknown_Message_SaysToRedoTheTransaction()
    {
        var error = new TransactionResolutionUnknownException(Old, New, Cause);

        Assert.Contains("redo all of its statements", error.Message, StringComparison.Ordinal);
        Assert.Contains("rollback was attempted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailoverFailed_Message_SaysTheConnectionIsUnusableAndGivesTheReason()
    {
        var attempt = new TimeoutException("connect timed out");
        var error = new FailoverFailedException(Old, Cause, "no writer within 300 s", attempt);

        Assert.Contains("unusable", error.Message, StringComparison.Ordinal);
        Assert.Contains("(no writer within 300 s)", error.Message, StringComparison.Ordinal);
        Assert.Null(error.NewHost);
        Assert.Same(attempt, error.LastAttemptError);
    }

    [Fact]
    public void FailoverSuccess_WithoutNewHost_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new FailoverSuccessException(Old, null!, Cause));

    [Fact]
    public void Message_UnknownOldHost_SaysSo() =>
        Assert.Contains("an unknown node", new FailoverFailedException(null, Cause).Message, StringComparison.Ordinal);
}
