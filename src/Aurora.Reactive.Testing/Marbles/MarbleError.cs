namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// The error a <c>#</c> stands for: an exception type name and, optionally, its message. Errors are
/// compared by type and message, never by reference.
/// </summary>
/// <param name="TypeName">The exception type's name (<c>TimeoutException</c>) or full name (<c>System.TimeoutException</c>).</param>
/// <param name="Message">The expected message, or <see langword="null"/> to accept any message.</param>
public sealed record MarbleError(string TypeName, string? Message)
{
    /// <summary>The error of a <c>#</c> with no legend entry: <c>Exception: error</c>, as in RxJS.</summary>
    public static MarbleError Default { get; } = new("Exception", "error");

    /// <summary>Reads <c>TypeName</c> or <c>TypeName: message</c>.</summary>
    /// <param name="text">The text, e.g. <c>TimeoutException: The operation has timed out.</c></param>
    /// <returns>The error description.</returns>
    /// <exception cref="FormatException">The type name is empty or not an identifier (dots allowed).</exception>
    public static MarbleError Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var typeName = (colon < 0 ? text : text[..colon]).Trim();
        var message = colon < 0 ? null : text[(colon + 1)..].Trim();
        if (typeName.Length == 0 || !typeName.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '+'))
        {
            throw new FormatException($"'{text}' does not name an exception type; write 'TypeName' or 'TypeName: message'.");
        }

        return new MarbleError(typeName, message);
    }

    /// <summary>Describes an actual exception by its type's short name and its message.</summary>
    /// <param name="error">The exception.</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static MarbleError From(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new MarbleError(error.GetType().Name, error.Message);
    }

    /// <summary>Whether <paramref name="error"/> has this type (by name or full name) and, when one is given, this message.</summary>
    /// <param name="error">The actual exception.</param>
    /// <returns><see langword="true"/> on a match.</returns>
    public bool Matches(Exception? error) =>
        error is not null
        && (error.GetType().Name == TypeName || error.GetType().FullName == TypeName)
        && (Message is null || error.Message == Message);

    /// <summary>Creates an exception of the named type with the message, for input lines.</summary>
    /// <returns>The exception.</returns>
    /// <exception cref="InvalidOperationException">No loaded exception type has that name, or several do, or it has no usable constructor.</exception>
    public Exception CreateException() => ExceptionTypes.Create(TypeName, Message);

    /// <inheritdoc/>
    public override string ToString() => Message is null ? TypeName : $"{TypeName}: {Message}";
}
