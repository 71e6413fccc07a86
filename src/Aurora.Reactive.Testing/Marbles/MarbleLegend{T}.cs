using System.Reactive;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// What the symbols of marble lines stand for: a value per letter or digit, and the error of <c>#</c>.
/// A symbol missing from the legend stands for itself when <typeparamref name="T"/> is
/// <see cref="string"/>, <see cref="object"/> or <see cref="char"/>, as in RxJS.
/// </summary>
/// <typeparam name="T">The element type of the streams.</typeparam>
public sealed class MarbleLegend<T>
{
    /// <summary>Creates a legend.</summary>
    /// <param name="values">Value per symbol; <see langword="null"/> for none.</param>
    /// <param name="error">The error of <c>#</c>; <see langword="null"/> for <see cref="MarbleError.Default"/>.</param>
    /// <param name="comparer">How values are compared; <see langword="null"/> for the default equality.</param>
    public MarbleLegend(IReadOnlyDictionary<char, T>? values = null, MarbleError? error = null, IEqualityComparer<T>? comparer = null)
    {
        Values = values ?? new Dictionary<char, T>();
        Error = error ?? MarbleError.Default;
        Comparer = comparer ?? EqualityComparer<T>.Default;
    }

    /// <summary>Value per symbol.</summary>
    public IReadOnlyDictionary<char, T> Values { get; }

    /// <summary>The error <c>#</c> stands for.</summary>
    public MarbleError Error { get; }

    /// <summary>How values are compared.</summary>
    public IEqualityComparer<T> Comparer { get; }

    /// <summary>Whether <paramref name="symbol"/> stands for a value: it is in the legend or stands for itself.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="value">Its value.</param>
    /// <returns><see langword="true"/> when the symbol has a value.</returns>
    public bool TryGetValue(char symbol, out T value)
    {
        if (Values.TryGetValue(symbol, out value!))
        {
            return true;
        }

        object? self = typeof(T) == typeof(char) ? symbol : typeof(T) == typeof(string) || typeof(T) == typeof(object) ? symbol.ToString() : null;
        value = self is null ? default! : (T)self;
        return self is not null;
    }

    /// <summary>Finds the legend symbol whose value equals <paramref name="value"/> (values standing for themselves included).</summary>
    /// <param name="value">The value.</param>
    /// <param name="symbol">The first symbol with that value.</param>
    /// <returns><see langword="true"/> when a symbol was found.</returns>
    public bool TryGetSymbol(T value, out char symbol)
    {
        foreach (var (key, candidate) in Values)
        {
            if (Comparer.Equals(candidate, value))
            {
                symbol = key;
                return true;
            }
        }

        symbol = default;
        if (value?.ToString() is not { Length: 1 } text || !char.IsAsciiLetterOrDigit(text[0]) || Values.ContainsKey(text[0])
            || !TryGetValue(text[0], out var self) || !Comparer.Equals(self, value))
        {
            return false;
        }

        symbol = text[0];
        return true;
    }

    /// <summary>Turns a parsed line into timed notifications, with frame 0 at <paramref name="origin"/>.</summary>
    /// <param name="line">The parsed line.</param>
    /// <param name="origin">Absolute ticks of frame 0 (for a cold line, use 0: times relative to the subscription).</param>
    /// <returns>The notifications, ready for <see cref="TestScheduler.CreateHotObservable{T}"/> or <see cref="TestScheduler.CreateColdObservable{T}"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is <see langword="null"/>.</exception>
    /// <exception cref="MarbleSyntaxException">A symbol has no value in the legend.</exception>
    /// <exception cref="InvalidOperationException">The legend's error names no loaded exception type.</exception>
    public Recorded<Notification<T>>[] ToNotifications(MarbleLine line, long origin = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Events.Select(e => new Recorded<Notification<T>>(origin + e.Time, e.Kind switch
        {
            MarbleEventKind.Completed => Notification.CreateOnCompleted<T>(),
            MarbleEventKind.Error => Notification.CreateOnError<T>(Error.CreateException()),
            _ => Notification.CreateOnNext(ValueOf(line, e)),
        })).ToArray();
    }

    internal T ValueOf(MarbleLine line, MarbleEvent marble) =>
        TryGetValue(marble.Symbol, out var value)
            ? value
            : throw line.Location.Error($"symbol '{marble.Symbol}' has no value in the legend", line.Text, marble.Column - line.Location.FirstColumn);
}
