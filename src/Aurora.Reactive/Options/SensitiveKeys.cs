namespace Aurora.Reactive.Options;

/// <summary>Which connection-string keys hold secrets, so their values are never shown.</summary>
internal static class SensitiveKeys
{
    /// <summary>The text shown in place of a secret.</summary>
    public const string Mask = "***";

    /// <summary>Whether <paramref name="key"/> names a password: <c>pwd</c>, or any key containing <c>password</c> or <c>pwd</c>, in any case.</summary>
    public static bool IsSensitive(string key) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Contains("pwd", StringComparison.OrdinalIgnoreCase);
}
