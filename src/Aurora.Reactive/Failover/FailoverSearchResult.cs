namespace Aurora.Reactive.Failover;

/// <summary>The end of one shared search: a verified node (with the connection the search opened) or a failure.</summary>
internal sealed record FailoverSearchResult(VerifiedConnection? Found, string? FailureMessage, Exception? LastError)
{
    public static FailoverSearchResult Success(VerifiedConnection found) => new(found, null, null);

    public static FailoverSearchResult Failure(string message, Exception? lastError) => new(null, message, lastError);
}
