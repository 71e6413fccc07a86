using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aurora.Reactive.Connections;

/// <content>The connection string, and what the ADO.NET factory surface asks of a connection.</content>
public sealed partial class AuroraConnection
{
    /// <summary>
    /// The connection string. A connection made by an <see cref="AuroraDataSource"/> shows the data source's string
    /// without password; one given a string shows it as given; a new connection without one has an empty string.
    /// </summary>
    /// <value>
    /// On set, a connection string with this library's keys and the driver's. All connections given the same string
    /// share one data source (its pools, failover coordinator and monitors), as connections of a plain driver share a
    /// pool: it is created on first use and lives for the rest of the process. Disposing it
    /// (<see cref="AuroraDataSource"/>) releases its pools; a later open with the same string creates a new one.
    /// Setting the string a connection already shows changes nothing; <see langword="null"/> or an empty string
    /// leaves the connection without a data source.
    /// </value>
    /// <exception cref="InvalidOperationException">On set, the connection is not closed.</exception>
    /// <exception cref="ArgumentException">On set, the string is invalid (the message names the key and value), or the driver rejects its part.</exception>
    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString ?? _source?.Connections.DisplayConnectionString ?? string.Empty;
        set
        {
            value ??= string.Empty;
            if (string.Equals(value, ConnectionString, StringComparison.Ordinal))
            {
                return;
            }

            if (_machine.Status != LogicalConnectionStatus.Closed)
            {
                throw new InvalidOperationException($"The connection string cannot change while the connection is {State}; close it first.");
            }

            if (value.Length == 0)
            {
                UseSource(null, string.Empty);
                return;
            }

            UseSource(SharedDataSources.For(_driver, value), value);
        }
    }

    /// <summary>Whether the driver runs batches; an <see cref="AuroraBatch"/> then runs them across failover.</summary>
    public override bool CanCreateBatch => _driver.ProviderFactory?.CanCreateBatch ?? false;

    /// <inheritdoc/>
    protected override DbProviderFactory DbProviderFactory => AuroraProviderFactory.For(_driver);

    /// <summary>Creates a batch on this connection.</summary>
    /// <returns>A new batch.</returns>
    /// <exception cref="NotSupportedException">The driver has no batches (<see cref="CanCreateBatch"/> is <see langword="false"/>).</exception>
    public new AuroraBatch CreateBatch() =>
        CanCreateBatch ? new AuroraBatch { Connection = this } : throw new NotSupportedException($"The {_driver.DisplayName} driver has no batches.");

    /// <inheritdoc/>
    protected override DbBatch CreateDbBatch() => CreateBatch();

    /// <summary>A connection given its string by the user finds the shared data source again if someone disposed it.</summary>
    private void RenewDisposedSource()
    {
        if (_connectionString is { Length: > 0 } connectionString && _source is { IsDisposed: true })
        {
            UseSource(SharedDataSources.For(_driver, connectionString), connectionString);
        }
    }

    private void UseSource(AuroraDataSource? source, string connectionString)
    {
        _source = source;
        _connectionString = connectionString;
    }

    private static InvalidOperationException NoConnectionString() =>
        new("The connection has no connection string; set ConnectionString before opening it.");
}
