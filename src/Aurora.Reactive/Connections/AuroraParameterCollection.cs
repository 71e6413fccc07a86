using System.Collections;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The parameters of an <see cref="AuroraCommand"/>. They live on the logical command, so they survive a
/// failover: each physical command the logical one runs on receives the same parameter objects (the
/// previous physical command releases them first), so later value changes and output values work as
/// with the driver's own command. Driver parameters (such as <c>NpgsqlParameter</c>) are used as they
/// are; an <see cref="AuroraParameter"/> is copied to a driver parameter before every execution.
/// </summary>
public sealed class AuroraParameterCollection : DbParameterCollection
{
    private readonly List<DbParameter> _items = new();
    private int _neutralCount;

    internal AuroraParameterCollection()
    {
    }

    /// <summary>Changes whenever a parameter is added, removed or replaced.</summary>
    internal int Version { get; private set; }

    internal bool HasNeutralParameters => _neutralCount > 0;

    /// <inheritdoc/>
    public override int Count => _items.Count;

    /// <inheritdoc/>
    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    /// <param name="index">The position.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public new DbParameter this[int index]
    {
        get => _items[index];
        set => SetParameter(index, value);
    }

    /// <summary>The parameter named <paramref name="parameterName"/>.</summary>
    /// <param name="parameterName">The name.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="IndexOutOfRangeException">No parameter has that name.</exception>
    public new DbParameter this[string parameterName]
    {
        get => GetParameter(parameterName);
        set => SetParameter(parameterName, value);
    }

    /// <summary>Adds a parameter with a name and a value, of the neutral type.</summary>
    /// <param name="parameterName">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new parameter.</returns>
    public AuroraParameter AddWithValue(string parameterName, object? value)
    {
        var parameter = new AuroraParameter(parameterName, value);
        Add(parameter);
        return parameter;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a <see cref="DbParameter"/>.</exception>
    public override int Add(object value)
    {
        var parameter = AsParameter(value);
        _items.Add(parameter);
        Changed(parameter, added: true);
        return _items.Count - 1;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its elements is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An element is not a <see cref="DbParameter"/>.</exception>
    public override void AddRange(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value!);
        }
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        _items.Clear();
        _neutralCount = 0;
        Version++;
    }

    /// <inheritdoc/>
    public override bool Contains(object value) => value is DbParameter parameter && _items.Contains(parameter);

    /// <inheritdoc/>
    public override bool Contains(string value) => IndexOf(value) >= 0;

    /// <inheritdoc/>
    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    /// <inheritdoc/>
    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    public override int IndexOf(object value) => value is DbParameter parameter ? _items.IndexOf(parameter) : -1;

    /// <inheritdoc/>
    public override int IndexOf(string parameterName)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (NamesMatch(_items[i].ParameterName, parameterName))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a <see cref="DbParameter"/>.</exception>
    public override void Insert(int index, object value)
    {
        var parameter = AsParameter(value);
        _items.Insert(index, parameter);
        Changed(parameter, added: true);
    }

    /// <inheritdoc/>
    public override void Remove(object value)
    {
        if (value is DbParameter parameter && _items.Remove(parameter))
        {
            Changed(parameter, added: false);
        }
    }

    /// <inheritdoc/>
    public override void RemoveAt(int index)
    {
        var parameter = _items[index];
        _items.RemoveAt(index);
        Changed(parameter, added: false);
    }

    /// <inheritdoc/>
    /// <exception cref="IndexOutOfRangeException">No parameter has that name.</exception>
    public override void RemoveAt(string parameterName) => RemoveAt(IndexOfExisting(parameterName));

    /// <inheritdoc/>
    protected override DbParameter GetParameter(int index) => _items[index];

    /// <inheritdoc/>
    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    /// <inheritdoc/>
    protected override void SetParameter(int index, DbParameter value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var old = _items[index];
        _items[index] = value;
        Changed(old, added: false);
        Changed(value, added: true);
    }

    /// <inheritdoc/>
    protected override void SetParameter(string parameterName, DbParameter value) => SetParameter(IndexOfExisting(parameterName), value);

    /// <summary>
    /// Gives <paramref name="target"/> this collection's parameters, releasing them from <paramref name="previous"/> first;
    /// a <paramref name="fresh"/> driver command has none yet, so nothing of it is touched when there are none to give.
    /// </summary>
    internal void BindTo(DbCommand target, DbCommand? previous, bool fresh)
    {
        if (fresh && _items.Count == 0)
        {
            previous?.Parameters.Clear();
            return;
        }

        // The driver's factory is a delegate only for neutral parameters: driver parameters are used as they are.
        BindTo(target.Parameters, _neutralCount > 0 ? target.CreateParameter : NoNeutralParameter, previous?.Parameters);
    }

    private static readonly Func<DbParameter> NoNeutralParameter = static () => throw new InvalidOperationException("No neutral parameter is bound.");

    /// <summary>
    /// Gives <paramref name="target"/> (a driver command's or batch command's parameters) this collection's parameters,
    /// releasing them from <paramref name="previous"/> first; neutral parameters get a driver parameter from <paramref name="createParameter"/>.
    /// </summary>
    internal void BindTo(DbParameterCollection target, Func<DbParameter> createParameter, DbParameterCollection? previous)
    {
        previous?.Clear();
        target.Clear();
        foreach (var parameter in _items)
        {
            if (parameter is AuroraParameter neutral)
            {
                var driverParameter = createParameter();
                neutral.Bound = driverParameter;
                neutral.CopyTo(driverParameter);
                target.Add(driverParameter);
            }
            else
            {
                AddDriverParameter(target, parameter);
            }
        }
    }

    /// <summary>Copies the neutral parameters' current values to their driver parameters.</summary>
    internal void CopyNeutralValuesIn()
    {
        foreach (var parameter in _items)
        {
            if (parameter is AuroraParameter { Bound: { } bound } neutral)
            {
                neutral.CopyTo(bound);
            }
        }
    }

    /// <summary>Copies output values of the driver parameters back to the neutral parameters.</summary>
    internal void CopyNeutralValuesOut()
    {
        foreach (var parameter in _items)
        {
            if (parameter is AuroraParameter { Bound: { } bound } neutral && neutral.Direction != System.Data.ParameterDirection.Input)
            {
                neutral.Value = bound.Value;
            }
        }
    }

    private static void AddDriverParameter(DbParameterCollection target, DbParameter parameter)
    {
        try
        {
            target.Add(parameter);
        }
        catch (InvalidOperationException) when (parameter is ICloneable cloneable)
        {
            // The object still belongs to another command's collection (shared by the caller): use a copy.
            target.Add((DbParameter)cloneable.Clone());
        }
    }

    private static bool NamesMatch(string stored, string wanted)
    {
        if (string.Equals(stored, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return TrimPrefix(stored).Equals(TrimPrefix(wanted), StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<char> TrimPrefix(string name) =>
        name.Length > 0 && name[0] is '@' or ':' or '$' ? name.AsSpan(1) : name.AsSpan();

    private int IndexOfExisting(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index >= 0 ? index : throw new IndexOutOfRangeException($"No parameter named '{parameterName}'.");
    }

    private static DbParameter AsParameter(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value as DbParameter
            ?? throw new ArgumentException($"A parameter must be a DbParameter; got a {value.GetType().Name}.", nameof(value));
    }

    private void Changed(DbParameter parameter, bool added)
    {
        if (parameter is AuroraParameter)
        {
            _neutralCount += added ? 1 : -1;
        }

        Version++;
    }
}
