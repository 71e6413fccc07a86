using System.Data.Common;
using Aurora.Reactive.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal;
using AuroraNpgsqlDriver = Aurora.Reactive.Npgsql.NpgsqlDriver;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>
/// The provider's connection service, handing EF Core an <see cref="AuroraConnection"/> (from the data source given to
/// <c>UseNpgsql</c>, or from a connection string set later) and making the admin connection (database creation and
/// deletion) a plain <see cref="NpgsqlConnection"/> to the node the logical connection is on.
/// </summary>
internal sealed class AuroraNpgsqlRelationalConnection : NpgsqlRelationalConnection
{
    private const string DefaultAdminDatabase = "postgres";
    private readonly NpgsqlDataSourceManager _dataSourceManager;

    public AuroraNpgsqlRelationalConnection(RelationalConnectionDependencies dependencies, NpgsqlDataSourceManager dataSourceManager, IDbContextOptions options)
        : base(dependencies, dataSourceManager, options)
    {
        _dataSourceManager = dataSourceManager;
    }

    protected override DbConnection CreateDbConnection() =>
        DataSource is null && ConnectionString is { Length: > 0 } connectionString
            ? new AuroraConnection(connectionString, AuroraNpgsqlDriver.Instance)
            : base.CreateDbConnection();

    /// <summary>
    /// A connection to the admin database on the node the logical connection is on (the entry node while it never opened).
    /// It does not fail over: creating or dropping a database is run once, by hand or by a deployment.
    /// </summary>
    public override INpgsqlRelationalConnection CreateAdminConnection()
    {
        if (((IRelationalConnection)this).DbConnection is not AuroraConnection { AuroraDataSource: { } source } logical)
        {
            return base.CreateAdminConnection();
        }

        var npgsqlOptions = Dependencies.ContextOptions.FindExtension<NpgsqlOptionsExtension>()
            ?? throw new InvalidOperationException("UseAuroraNpgsql was not called on these options: the Npgsql provider's settings are missing.");
        using var node = source.Connections.CreateConnection(logical.CurrentHost ?? source.Connections.InitialHost) as NpgsqlConnection
            ?? throw new InvalidOperationException("The Aurora data source does not make Npgsql connections.");
        var adminConnectionString = new NpgsqlConnectionStringBuilder(node.ConnectionString)
        {
            Database = npgsqlOptions.AdminDatabase ?? DefaultAdminDatabase,
            Pooling = false,
            Multiplexing = false,
        }.ConnectionString;

        // CloneWith keeps the password and callbacks the node's connection has, which its connection string may not show.
        var admin = node.CloneWith(adminConnectionString);
        var adminOptions = ((NpgsqlOptionsExtension)npgsqlOptions.WithDataSource(null)).WithConnection(admin, owned: true);
        var builder = new DbContextOptionsBuilder();
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension((NpgsqlOptionsExtension)adminOptions);
        return new NpgsqlRelationalConnection(Dependencies with { ContextOptions = builder.Options }, _dataSourceManager, builder.Options);
    }

    public override ValueTask<INpgsqlRelationalConnection> CloneWith(string connectionString, bool async, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Cloning the connection of a context configured with UseAuroraNpgsql is not supported.");
}
