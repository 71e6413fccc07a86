using Aurora.Reactive.Client;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Client;

public sealed class PostgresCommitOutcomeResolverTests
{
    private static readonly TransactionMarker Marker = new(5000, IdLoggedAt: 0x3_0000_1000, BackendProcessId: 77, Timeline: 2, new HostSpec("writer", 5432));

    [Theory]
    [InlineData("0/16B3748", 0x16B3748UL)]
    [InlineData("3/1000", 0x3_0000_1000UL)]
    [InlineData("FFFFFFFF/FFFFFFFF", ulong.MaxValue)]
    public void ParseLsn_PostgresText_GivesThe64BitPosition(string text, ulong expected) =>
        Assert.Equal(expected, PostgresCommitOutcomeResolver.ParseLsn(text));

    [Theory]
    [InlineData("")]
    [InlineData("16B3748")]
    [InlineData("x/1")]
    public void ParseLsn_Malformed_GivesNull(string text) => Assert.Null(PostgresCommitOutcomeResolver.ParseLsn(text));

    [Fact]
    public void ParseTimeline_WalFileName_GivesItsFirstEightHexDigits() =>
        Assert.Equal(0x1AL, PostgresCommitOutcomeResolver.ParseTimeline("0000001A0000000300000002"));

    [Theory]
    [InlineData("committed", 2L, nameof(CommitOutcome.Committed))]
    [InlineData("aborted", 2L, nameof(CommitOutcome.NotCommitted))]
    [InlineData("in progress", 2L, nameof(CommitOutcome.InProgress))]
    [InlineData("in progress", 3L, nameof(CommitOutcome.NotCommitted))]
    [InlineData(null, 2L, nameof(CommitOutcome.Unknown))]
    public void Decide_WriterAnswer_GivesTheOutcome(string? status, long timeline, string expected) =>
        Assert.Equal(expected, PostgresCommitOutcomeResolver.Decide(status, null, timeline, Marker).ToString());

    // The id was handed out again on the promoted node: its "committed" is another transaction's.
    [Fact]
    public void Decide_CommittedOnAPromotedNodeWhoseRecoveryEndedBeforeTheIdWasLogged_IsNotCommitted() =>
        Assert.Equal(CommitOutcome.NotCommitted, PostgresCommitOutcomeResolver.Decide("committed", 0x3_0000_0FFF, 3, Marker));

    [Fact]
    public void Decide_CommittedOnAPromotedNodeThatReplayedPastTheLoggedId_IsCommitted() =>
        Assert.Equal(CommitOutcome.Committed, PostgresCommitOutcomeResolver.Decide("committed", 0x3_0000_1000, 3, Marker));

    [Fact]
    public void Decide_CommittedOnTheSameTimeline_IsCommittedWhateverTheReplayPosition() =>
        Assert.Equal(CommitOutcome.Committed, PostgresCommitOutcomeResolver.Decide("committed", 0x1000, 2, Marker));

    [Fact]
    public void Decide_CommittedOnAPromotedNodeWithoutALoggedId_IsUnknown() =>
        Assert.Equal(CommitOutcome.Unknown, PostgresCommitOutcomeResolver.Decide("committed", 0x3_0000_2000, 3, Marker with { IdLoggedAt = null }));

    [Fact]
    public void Decide_CommittedOnAPromotedNodeThatDoesNotSayWhereItsRecoveryEnded_IsUnknown() =>
        Assert.Equal(CommitOutcome.Unknown, PostgresCommitOutcomeResolver.Decide("committed", null, 3, Marker));
}
