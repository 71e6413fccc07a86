namespace Aurora.Reactive.Hosts;

/// <summary>Syntax checks shared by host classification, host patterns and instance ids.</summary>
internal static class HostNameSyntax
{
    /// <summary>Longest host name DNS allows, in characters.</summary>
    public const int MaxHostNameLength = 253;

    /// <summary>Whether every dot-separated label is non-empty, at most 63 characters, and made of letters, digits, '-' or '_'.</summary>
    public static bool IsValidHostName(string host)
    {
        if (host.Length is 0 or > MaxHostNameLength)
        {
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > DnsLabel.MaxLength)
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
