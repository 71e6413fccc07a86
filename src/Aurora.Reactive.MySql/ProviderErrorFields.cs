using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Aurora.Reactive.MySql;

/// <summary>
/// Reads the MySQL error number and SQLSTATE of a provider's exception without a compile-time reference
/// to the provider: the public <c>Number</c> property (MySql.Data, MySqlConnector), else <c>Code</c>
/// (MySql.Data fills one or the other), and <see cref="DbException.SqlState"/> or, for providers built
/// before that property existed (MySql.Data 8.0), their own <c>SqlState</c>. The property lookups are
/// made once per exception type.
/// </summary>
internal static class ProviderErrorFields
{
    private static readonly ConcurrentDictionary<Type, Accessors> ByType = new();

    /// <summary>The error number, or <see langword="null"/> when the exception has none (or it is 0).</summary>
    public static int? Number(DbException error)
    {
        var accessors = ByType.GetOrAdd(error.GetType(), Accessors.For);
        foreach (var property in accessors.Numbers)
        {
            if (ToNumber(property.GetValue(error)) is { } number and not 0)
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>The SQLSTATE, or <see langword="null"/> when the exception has none.</summary>
    public static string? SqlState(DbException error)
    {
        if (!string.IsNullOrEmpty(error.SqlState))
        {
            return error.SqlState;
        }

        var own = ByType.GetOrAdd(error.GetType(), Accessors.For).SqlState;
        return own?.GetValue(error) is string { Length: > 0 } state ? state : null;
    }

    private static int? ToNumber(object? value) => value switch
    {
        int i => i,
        uint u when u <= int.MaxValue => (int)u,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        _ => null,
    };

    private sealed record Accessors(IReadOnlyList<PropertyInfo> Numbers, PropertyInfo? SqlState)
    {
        public static Accessors For(Type type)
        {
            var numbers = new[] { "Number", "Code" }
                .Select(name => MostDerived(type, name, p => ToNumberType(p.PropertyType)))
                .OfType<PropertyInfo>()
                .ToArray();
            var sqlState = MostDerived(type, "SqlState", p => p.PropertyType == typeof(string) && p.DeclaringType != typeof(DbException));
            return new Accessors(numbers, sqlState);
        }

        // A provider may hide a base property with a "new" one of another type (MySqlConnector's ErrorCode),
        // which makes GetProperty(name) ambiguous: pick the most derived public getter by hand.
        private static PropertyInfo? MostDerived(Type type, string name, Func<PropertyInfo, bool> accept)
        {
            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                var found = current
                    .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0 && p.GetMethod is not null && accept(p));
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        private static bool ToNumberType(Type type) => type == typeof(int) || type == typeof(uint) || type == typeof(long) || type.IsEnum;
    }
}
