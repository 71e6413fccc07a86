using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    private bool? _readOnly;
    private List<string>? _sessionStatements;

    /// <summary>
    /// Whether the session was set read-only (<see langword="true"/>) or read-write (<see langword="false"/>)
    /// with <see cref="SetReadOnlyAsync"/>; <see langword="null"/> when never set or when a failover dropped it.
    /// </summary>
    public bool? IsReadOnly => _readOnly;

    /// <summary>
    /// Makes the session's transactions read-only or read-write with the driver's statement. With
    /// <see cref="AuroraConnectionSettings.KeepSessionStateOnFailover"/> the setting is applied again after a failover.
    /// </summary>
    /// <param name="readOnly"><see langword="true"/> for read-only.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the setting is applied.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    /// <exception cref="Failover.FailoverException">The node failed while applying it.</exception>
    public async Task SetReadOnlyAsync(bool readOnly, CancellationToken cancellationToken = default)
    {
        await ExecuteLogicalAsync(Driver.GetReadOnlySql(readOnly), cancellationToken).ConfigureAwait(false);
        _readOnly = readOnly;
    }

    /// <summary>
    /// Runs a session set-up statement (such as <c>SET search_path TO app</c>) now and again on every new
    /// physical connection of this logical connection, until it is closed.
    /// </summary>
    /// <param name="sql">The statement.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the statement ran.</returns>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is <see langword="null"/> or blank.</exception>
    /// <exception cref="InvalidOperationException">The connection is not open.</exception>
    /// <exception cref="Failover.FailoverException">The node failed while running it.</exception>
    public async Task AddSessionStatementAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        await ExecuteLogicalAsync(sql, cancellationToken).ConfigureAwait(false);
        (_sessionStatements ??= new List<string>()).Add(sql);
    }

    private bool HasSessionSetup =>
        Settings.SessionSetupStatements.Count > 0
        || _sessionStatements is { Count: > 0 }
        || (_readOnly.HasValue && Settings.KeepSessionStateOnFailover);

    private async Task ExecuteLogicalAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplySessionAsync(DbConnection physical, CancellationToken cancellationToken)
    {
        foreach (var sql in Settings.SessionSetupStatements)
        {
            await ExecutePhysicalAsync(physical, sql, cancellationToken).ConfigureAwait(false);
        }

        if (_sessionStatements is not null)
        {
            foreach (var sql in _sessionStatements)
            {
                await ExecutePhysicalAsync(physical, sql, cancellationToken).ConfigureAwait(false);
            }
        }

        if (Settings.KeepSessionStateOnFailover && _readOnly is bool readOnly)
        {
            await ExecutePhysicalAsync(physical, Driver.GetReadOnlySql(readOnly), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecutePhysicalAsync(DbConnection physical, string sql, CancellationToken cancellationToken)
    {
        await using var command = physical.CreateCommand();
        command.CommandText = sql;
        command.CommandType = CommandType.Text;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ClearSessionState()
    {
        _readOnly = null;
        _sessionStatements = null;
    }
}
