namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>When one candidate's caller got control back in one round, or <see langword="null"/> if not within the cap.</summary>
public sealed record EfmRelease(string Label, double? FromFreezeSeconds, double? FromStartSeconds, string Outcome);
