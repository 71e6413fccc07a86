using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>The statements of an <see cref="AuroraBatch"/>, in the order they run.</summary>
public sealed class AuroraBatchCommandCollection : DbBatchCommandCollection
{
    private readonly List<AuroraBatchCommand> _items = new();

    internal AuroraBatchCommandCollection()
    {
    }

    /// <inheritdoc/>
    public override int Count => _items.Count;

    /// <inheritdoc/>
    public override bool IsReadOnly => false;

    /// <summary>Changes whenever a command is added, removed or replaced.</summary>
    internal int Version { get; private set; }

    internal IReadOnlyList<AuroraBatchCommand> Items => _items;

    /// <summary>The command at <paramref name="index"/>.</summary>
    /// <param name="index">The position.</param>
    /// <returns>The command.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the collection.</exception>
    /// <exception cref="ArgumentNullException">On set, the value is <see langword="null"/>.</exception>
    public new AuroraBatchCommand this[int index]
    {
        get => _items[index];
        set => SetBatchCommand(index, value);
    }

    /// <summary>Adds a command at the end.</summary>
    /// <param name="item">The command.</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    public void Add(AuroraBatchCommand item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
        Version++;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="item"/> is not an <see cref="AuroraBatchCommand"/>.</exception>
    public override void Add(DbBatchCommand item) => Add(AsAurora(item));

    /// <inheritdoc/>
    public override void Clear()
    {
        _items.Clear();
        Version++;
    }

    /// <inheritdoc/>
    public override bool Contains(DbBatchCommand item) => item is AuroraBatchCommand aurora && _items.Contains(aurora);

    /// <inheritdoc/>
    public override void CopyTo(DbBatchCommand[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        for (var i = 0; i < _items.Count; i++)
        {
            array[arrayIndex + i] = _items[i];
        }
    }

    /// <inheritdoc/>
    public override IEnumerator<DbBatchCommand> GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    public override int IndexOf(DbBatchCommand item) => item is AuroraBatchCommand aurora ? _items.IndexOf(aurora) : -1;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="item"/> is not an <see cref="AuroraBatchCommand"/>.</exception>
    public override void Insert(int index, DbBatchCommand item)
    {
        _items.Insert(index, AsAurora(item));
        Version++;
    }

    /// <inheritdoc/>
    public override bool Remove(DbBatchCommand item)
    {
        if (item is AuroraBatchCommand aurora && _items.Remove(aurora))
        {
            Version++;
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public override void RemoveAt(int index)
    {
        _items.RemoveAt(index);
        Version++;
    }

    /// <inheritdoc/>
    protected override DbBatchCommand GetBatchCommand(int index) => _items[index];

    /// <inheritdoc/>
    protected override void SetBatchCommand(int index, DbBatchCommand batchCommand)
    {
        _items[index] = AsAurora(batchCommand);
        Version++;
    }

    private static AuroraBatchCommand AsAurora(DbBatchCommand item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item as AuroraBatchCommand
            ?? throw new ArgumentException($"An AuroraBatch holds AuroraBatchCommands, not a {item.GetType().Name}.", nameof(item));
    }
}
