namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// Compares the <see cref="object"/> values of scenario files: numbers by numeric value whatever their
/// type (<c>2</c> equals <c>2L</c> and <c>2.0</c>), everything else with <see cref="object.Equals(object, object)"/>.
/// </summary>
internal sealed class MarbleValueComparer : IEqualityComparer<object>
{
    private MarbleValueComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static MarbleValueComparer Instance { get; } = new();

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y) =>
        TryNumber(x, out var a) && TryNumber(y, out var b) ? a == b : object.Equals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(object obj) =>
        TryNumber(obj, out var number) ? number.GetHashCode() : obj?.GetHashCode() ?? 0;

    private static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            default:
                number = 0;
                return false;
        }
    }
}
