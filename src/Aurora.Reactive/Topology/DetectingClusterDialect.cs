using System.Data;
using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// A dialect that lets the server choose among its candidates: on the first connection it is given, it asks each
/// candidate in order whether the server is of its flavour (<see cref="IClusterDialect.IsDialectAsync"/>), keeps
/// the first that says yes, and from then on delegates every call to it. Until then it has no topology query, so a
/// topology monitor starts by asking each node its role, which is what every flavour needs first.
/// </summary>
/// <remarks>
/// A detection that no candidate passes (the connection broke, or the server is of none of the flavours) is not
/// remembered: the call fails with <see cref="InvalidOperationException"/> and the next connection tries again.
/// Detections running at the same time on several connections keep the first answer.
/// </remarks>
internal sealed class DetectingClusterDialect : IClusterDialect
{
    private readonly IClusterDialect[] _candidates;
    private IClusterDialect? _detected;

    /// <summary>Creates the dialect.</summary>
    /// <param name="candidates">The flavours to choose from, the most specific first (for example Aurora MySQL, then MySQL replication).</param>
    /// <exception cref="ArgumentNullException"><paramref name="candidates"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty.</exception>
    public DetectingClusterDialect(IEnumerable<IClusterDialect> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        _candidates = [.. candidates];
        if (_candidates.Length == 0)
        {
            throw new ArgumentException("At least one candidate dialect is needed.", nameof(candidates));
        }

        if (_candidates.Any(c => c is null))
        {
            throw new ArgumentNullException(nameof(candidates), "A candidate dialect is null.");
        }

        Name = $"detect({string.Join("|", _candidates.Select(c => c.Name))})";
    }

    /// <inheritdoc/>
    /// <value><c>detect(</c> followed by the candidates' names separated by <c>|</c> and <c>)</c>; the same before and after detection.</value>
    public string Name { get; }

    /// <summary>The flavours chosen from, in the order they are asked.</summary>
    public IReadOnlyList<IClusterDialect> Candidates => _candidates;

    /// <summary>The flavour the server chose, or <see langword="null"/> before the first successful detection.</summary>
    public IClusterDialect? Detected => Volatile.Read(ref _detected);

    /// <inheritdoc/>
    /// <value>The detected flavour's query; <see langword="null"/> before detection.</value>
    public string? TopologyQuery => Detected?.TopologyQuery;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Nothing was detected yet.</exception>
    public TopologyRow ReadTopologyRow(IDataRecord record) =>
        (Detected ?? throw new InvalidOperationException($"The {Name} dialect has not seen a server yet.")).ReadTopologyRow(record);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No candidate recognized the server.</exception>
    public async Task<TopologyReadResult> ReadTopologyAsync(
        DbConnection connection, HostSpec connectedHost, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var dialect = await DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        return await dialect.ReadTopologyAsync(connection, connectedHost, resolveHost, readAt, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No candidate recognized the server, or the node returned no instance id.</exception>
    public async Task<string> GetInstanceIdAsync(DbConnection connection, HostSpec connectedHost, CancellationToken cancellationToken)
    {
        var dialect = await DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        return await dialect.GetInstanceIdAsync(connection, connectedHost, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No candidate recognized the server.</exception>
    public async Task<bool> IsReaderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var dialect = await DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        return await dialect.IsReaderAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>True when one of the candidates recognizes the server; this does not count as a detection.</remarks>
    public async Task<bool> IsDialectAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ClusterDialects.DetectAsync(connection, cancellationToken, _candidates).ConfigureAwait(false) is not null;

    /// <summary>The flavour of the connection's server: the one detected before, or the first candidate that recognizes it now.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the detection queries.</param>
    /// <returns>The detected flavour, one of <see cref="Candidates"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No candidate recognized the server; nothing is remembered.</exception>
    public async Task<IClusterDialect> DetectAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Detected is { } known)
        {
            return known;
        }

        var found = await ClusterDialects.DetectAsync(connection, cancellationToken, _candidates).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"The server at {connection.DataSource} is none of {string.Join(", ", _candidates.Select(c => c.Name))} (or the connection broke while asking).");
        return Interlocked.CompareExchange(ref _detected, found, null) ?? found;
    }
}
