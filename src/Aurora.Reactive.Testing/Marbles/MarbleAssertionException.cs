namespace Aurora.Reactive.Testing.Marbles;

/// <summary>A stream or subscription log differs from its marble line; the message shows both lines and the legend.</summary>
public sealed class MarbleAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The diff.</param>
    public MarbleAssertionException(string message)
        : base(message)
    {
    }
}
