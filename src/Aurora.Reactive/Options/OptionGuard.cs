using System.Runtime.CompilerServices;

namespace Aurora.Reactive.Options;

/// <summary>Range checks for settings assigned in code; the messages name the property and the value.</summary>
internal static class OptionGuard
{
    public static TimeSpan Positive(TimeSpan value, [CallerMemberName] string property = "") =>
        value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(property, value, $"{property} must be greater than zero; got {value}.");

    public static TimeSpan NotNegative(TimeSpan value, [CallerMemberName] string property = "") =>
        value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(property, value, $"{property} must not be negative; got {value}.");

    public static int Positive(int value, [CallerMemberName] string property = "") =>
        value > 0
            ? value
            : throw new ArgumentOutOfRangeException(property, value, $"{property} must be greater than zero; got {value}.");
}
