using System.Collections.Concurrent;
using System.Data;

namespace Aurora.Reactive.Client;

/// <summary>
/// The client's idle logical connections, kept open between calls: a connection that failed over stays on the
/// new writer, so the next call does not open on the (possibly stale) initial endpoint again.
/// </summary>
internal sealed class ClientConnectionPool
{
    private readonly ConcurrentStack<PooledConnection> _idle = new();
    private readonly int _maxIdle;
    private int _closed;

    public ClientConnectionPool(int maxIdle) => _maxIdle = maxIdle;

    public int IdleCount => _idle.Count;

    /// <summary>An idle open connection, or <see langword="null"/> when there is none.</summary>
    public PooledConnection? Rent()
    {
        while (_idle.TryPop(out var pooled))
        {
            if (pooled.Connection.State == ConnectionState.Open)
            {
                return pooled;
            }

            _ = pooled.DisposeAsync().AsTask();
        }

        return null;
    }

    /// <summary>Keeps the connection for a later call, or disposes it when the pool is full or closed.</summary>
    public async ValueTask ReturnAsync(PooledConnection pooled)
    {
        if (Volatile.Read(ref _closed) == 0 && _idle.Count < _maxIdle && pooled.Connection.State == ConnectionState.Open)
        {
            _idle.Push(pooled);
            if (Volatile.Read(ref _closed) == 0 || !_idle.TryPop(out var raced))
            {
                return;
            }

            pooled = raced;
        }

        await pooled.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes every idle connection; later returns dispose theirs.</summary>
    public async ValueTask CloseAsync()
    {
        Interlocked.Exchange(ref _closed, 1);
        while (_idle.TryPop(out var pooled))
        {
            await pooled.DisposeAsync().ConfigureAwait(false);
        }
    }
}
