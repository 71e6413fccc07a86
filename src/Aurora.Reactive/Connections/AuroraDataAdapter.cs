using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>A data adapter whose commands are <see cref="AuroraCommand"/>s, so that filling and updating run across failover.</summary>
public sealed class AuroraDataAdapter : DbDataAdapter
{
    /// <summary>Creates a data adapter with no commands.</summary>
    public AuroraDataAdapter()
    {
    }

    /// <summary>Creates a data adapter that fills from <paramref name="selectCommand"/>.</summary>
    /// <param name="selectCommand">The command that selects the rows.</param>
    public AuroraDataAdapter(AuroraCommand selectCommand) => SelectCommand = selectCommand;

    /// <summary>Raised before a row is sent to the server by <see cref="DbDataAdapter.Update(System.Data.DataSet)"/>.</summary>
    public event EventHandler<RowUpdatingEventArgs>? RowUpdating;

    /// <summary>Raised after a row was sent to the server by <see cref="DbDataAdapter.Update(System.Data.DataSet)"/>.</summary>
    public event EventHandler<RowUpdatedEventArgs>? RowUpdated;

    /// <inheritdoc/>
    protected override void OnRowUpdating(RowUpdatingEventArgs value) => RowUpdating?.Invoke(this, value);

    /// <inheritdoc/>
    protected override void OnRowUpdated(RowUpdatedEventArgs value) => RowUpdated?.Invoke(this, value);
}
