using System.Data.Common;

namespace Aurora.Reactive.MySql;

/// <summary>Creates parameters of the provider's own type, through a connection the factory makes once (never opened).</summary>
internal sealed class DbProviderFactoryParameters
{
    private readonly DbProviderFactory? _factory;
    private readonly Func<string, DbConnection> _createConnection;

    public DbProviderFactoryParameters(Func<string, DbConnection> createConnection)
    {
        _createConnection = createConnection;
        using var probe = createConnection(string.Empty);
        _factory = DbProviderFactories.GetFactory(probe);
    }

    public DbProviderFactory? Factory => _factory;

    public DbParameter Create()
    {
        if (_factory?.CreateParameter() is { } parameter)
        {
            return parameter;
        }

        using var connection = _createConnection(string.Empty);
        using var command = connection.CreateCommand();
        return command.CreateParameter();
    }
}
