using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aurora.Reactive.Connections;

/// <summary>
/// Builds the insert, update and delete commands of an <see cref="AuroraDataAdapter"/> from its select command, as
/// <see cref="AuroraCommand"/>s; identifiers are quoted by the driver's own command builder.
/// </summary>
internal sealed class AuroraCommandBuilder : DbCommandBuilder
{
    private readonly DbCommandBuilder _driverBuilder;

    internal AuroraCommandBuilder(DbCommandBuilder driverBuilder)
    {
        _driverBuilder = driverBuilder;
        QuotePrefix = driverBuilder.QuotePrefix;
        QuoteSuffix = driverBuilder.QuoteSuffix;
    }

    /// <summary>Quotes an identifier as the driver does.</summary>
    /// <param name="unquotedIdentifier">The identifier.</param>
    /// <returns>The quoted identifier.</returns>
    public override string QuoteIdentifier(string unquotedIdentifier)
    {
        SyncQuotes();
        return _driverBuilder.QuoteIdentifier(unquotedIdentifier);
    }

    /// <summary>Removes the driver's quotes from an identifier.</summary>
    /// <param name="quotedIdentifier">The quoted identifier.</param>
    /// <returns>The identifier.</returns>
    public override string UnquoteIdentifier(string quotedIdentifier)
    {
        SyncQuotes();
        return _driverBuilder.UnquoteIdentifier(quotedIdentifier);
    }

    /// <inheritdoc/>
    protected override void ApplyParameterInfo(DbParameter parameter, DataRow row, StatementType statementType, bool whereClause)
    {
        // The driver infers the type from the value, as it does for any parameter without an explicit type.
    }

    /// <inheritdoc/>
    protected override string GetParameterName(int parameterOrdinal) => "@p" + parameterOrdinal.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override string GetParameterName(string parameterName) => "@" + parameterName;

    /// <inheritdoc/>
    protected override string GetParameterPlaceholder(int parameterOrdinal) => GetParameterName(parameterOrdinal);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="adapter"/> is not an <see cref="AuroraDataAdapter"/>.</exception>
    protected override void SetRowUpdatingHandler(DbDataAdapter adapter)
    {
        var aurora = adapter as AuroraDataAdapter
            ?? throw new ArgumentException($"An AuroraCommandBuilder works with an AuroraDataAdapter, not a {adapter.GetType().Name}.", nameof(adapter));
        if (ReferenceEquals(adapter, DataAdapter))
        {
            aurora.RowUpdating -= OnRowUpdating;
        }
        else
        {
            aurora.RowUpdating += OnRowUpdating;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _driverBuilder.Dispose();
        }

        base.Dispose(disposing);
    }

    [SuppressMessage("Design", "CA1062", Justification = "Raised by the data adapter with its arguments.")]
    private void OnRowUpdating(object? sender, RowUpdatingEventArgs e) => RowUpdatingHandler(e);

    private void SyncQuotes()
    {
        if (!string.Equals(_driverBuilder.QuotePrefix, QuotePrefix, StringComparison.Ordinal))
        {
            _driverBuilder.QuotePrefix = QuotePrefix;
        }

        if (!string.Equals(_driverBuilder.QuoteSuffix, QuoteSuffix, StringComparison.Ordinal))
        {
            _driverBuilder.QuoteSuffix = QuoteSuffix;
        }
    }
}
