namespace Aurora.Reactive.Hosts;

/// <summary>
/// The rule a value must pass before it becomes part of a host name, in particular an instance id read
/// from a server: one DNS label of 1 to 63 ASCII letters, digits or hyphens, not starting or ending with a hyphen.
/// </summary>
internal static class DnsLabel
{
    /// <summary>Longest DNS label, in characters.</summary>
    public const int MaxLength = 63;

    /// <summary>Whether <paramref name="value"/> is a valid DNS label.</summary>
    /// <param name="value">The value to check; <see langword="null"/> is not valid.</param>
    /// <returns><see langword="true"/> when the value may be used as one label of a host name.</returns>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that <paramref name="instanceId"/> is a valid DNS label.</summary>
    /// <param name="instanceId">An instance id, typically read from a server.</param>
    /// <returns>The same value, for chaining.</returns>
    /// <exception cref="InvalidInstanceIdException">The value is not a valid DNS label; the message names it (escaped and shortened).</exception>
    public static string ValidateInstanceId(string? instanceId) =>
        IsValid(instanceId) ? instanceId! : throw new InvalidInstanceIdException(instanceId);
}
