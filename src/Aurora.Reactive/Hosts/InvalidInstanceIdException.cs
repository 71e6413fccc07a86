using System.Text;

namespace Aurora.Reactive.Hosts;

/// <summary>
/// An instance id (typically read from a server's topology) is not a valid DNS label, so it must not
/// become part of a host name.
/// </summary>
internal sealed class InvalidInstanceIdException : ArgumentException
{
    private const int ShownLength = 80;

    /// <summary>Creates the exception for a rejected instance id.</summary>
    /// <param name="instanceId">The rejected value.</param>
    public InvalidInstanceIdException(string? instanceId)
        : base(
            $"Instance id {Describe(instanceId)} is not a valid DNS label (1-{DnsLabel.MaxLength} letters, digits or hyphens, "
            + "not starting or ending with a hyphen); it will not be used as a host name.",
            "instanceId")
    {
        InstanceId = instanceId;
    }

    /// <summary>The rejected value, exactly as received.</summary>
    public string? InstanceId { get; }

    // The value comes from a server: quote it, escape control characters and cut it short so a hostile
    // value cannot forge log lines or flood them.
    internal static string Describe(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        var text = new StringBuilder("'");
        foreach (var c in value.Length > ShownLength ? value[..ShownLength] : value)
        {
            text.Append(char.IsControl(c) || c == '\'' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        text.Append('\'');
        if (value.Length > ShownLength)
        {
            text.Append($" (first {ShownLength} of {value.Length} characters)");
        }

        return text.ToString();
    }
}
