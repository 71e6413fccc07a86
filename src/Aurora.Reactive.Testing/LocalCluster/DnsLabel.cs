namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Checks that a name can stand as one label of a host name (RFC 1123): 1-63 letters, digits or hyphens, not starting or ending with a hyphen.</summary>
internal static class DnsLabel
{
    /// <summary>Whether <paramref name="value"/> is a valid DNS label.</summary>
    internal static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 63
        && value[0] != '-'
        && value[^1] != '-'
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
