namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>How a simulated host answers a probe, in virtual time.</summary>
internal sealed record SimulatedAnswer(SimulatedAnswerKind Kind, TimeSpan Delay)
{
    public static SimulatedAnswer Ok(TimeSpan delay) => new(SimulatedAnswerKind.Answer, delay);

    public static SimulatedAnswer OkAfterMs(int ms) => Ok(TimeSpan.FromMilliseconds(ms));

    public static SimulatedAnswer FailAfterMs(int ms) => FailAfter(TimeSpan.FromMilliseconds(ms));

    public static SimulatedAnswer FailAfter(TimeSpan delay) => new(SimulatedAnswerKind.Fail, delay);

    public static SimulatedAnswer Never { get; } = new(SimulatedAnswerKind.Never, TimeSpan.Zero);

    public static SimulatedAnswer Throw { get; } = new(SimulatedAnswerKind.ThrowOnProbe, TimeSpan.Zero);
}
