using Aurora.Reactive.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>
/// The provider's database creator, with <c>Create</c> run without clearing an Npgsql pool (the provider does that by
/// casting the context's connection to <see cref="NpgsqlConnection"/>; an <c>AuroraConnection</c> keeps no pool of a
/// database that did not exist).
/// </summary>
internal sealed class AuroraNpgsqlDatabaseCreator : NpgsqlDatabaseCreator
{
    // PostgreSQL's answer when another session created the same database at the same moment.
    private const string UniqueViolation = "23505";
    private const string DatabaseNameIndex = "pg_database_datname_index";
    private readonly INpgsqlRelationalConnection _connection;

    public AuroraNpgsqlDatabaseCreator(RelationalDatabaseCreatorDependencies dependencies, INpgsqlRelationalConnection connection, IRawSqlCommandBuilder rawSqlCommandBuilder)
        : base(dependencies, connection, rawSqlCommandBuilder)
    {
        _connection = connection;
    }

    public override void Create()
    {
        using (var admin = _connection.CreateAdminConnection())
        {
            try
            {
                Dependencies.MigrationCommandExecutor.ExecuteNonQuery(CreateDatabaseCommands(), admin);
            }
            catch (PostgresException error) when (error is { SqlState: UniqueViolation, ConstraintName: DatabaseNameIndex })
            {
            }
        }

        Exists();
    }

    public override async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        var admin = _connection.CreateAdminConnection();
        await using (admin.ConfigureAwait(false))
        {
            try
            {
                await Dependencies.MigrationCommandExecutor.ExecuteNonQueryAsync(CreateDatabaseCommands(), admin, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException error) when (error is { SqlState: UniqueViolation, ConstraintName: DatabaseNameIndex })
            {
            }
        }

        await ExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the Aurora data source's idle sessions to the database before the provider drops it. The provider clears
    /// only an <c>NpgsqlDataSource</c>'s pool; left in the node pools, those sessions are ended by the drop
    /// (57P01), and the next command on the context's connection failed over on one and waited out the failover
    /// timeout against nodes that answer "database does not exist", where <c>Exists()</c> expects that answer.
    /// </summary>
    public override void Delete()
    {
        ClearAuroraPoolsAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        base.Delete();
    }

    /// <inheritdoc cref="Delete"/>
    public override async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await ClearAuroraPoolsAsync(cancellationToken).ConfigureAwait(false);
        await base.DeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    // The pools of the node the context's connection is on and of the connection string's entry node; pools of other
    // nodes (readers) are left as they are.
    private async ValueTask ClearAuroraPoolsAsync(CancellationToken cancellationToken)
    {
        if (_connection.DbConnection is not AuroraConnection { AuroraDataSource: { } source } logical)
        {
            return;
        }

        await source.Connections.ClearPoolAsync(source.Connections.InitialHost, cancellationToken).ConfigureAwait(false);
        if (logical.CurrentHost is { } current)
        {
            await source.Connections.ClearPoolAsync(current, cancellationToken).ConfigureAwait(false);
        }
    }

    private IReadOnlyList<MigrationCommand> CreateDatabaseCommands()
    {
        var model = Dependencies.CurrentContext.Context.GetService<IDesignTimeModel>().Model;
        return Dependencies.MigrationsSqlGenerator.Generate(
        [
            new NpgsqlCreateDatabaseOperation
            {
                Name = _connection.DbConnection.Database,
                Template = model.GetDatabaseTemplate(),
                Collation = model.GetCollation(),
                Tablespace = model.GetTablespace(),
            },
        ]);
    }
}
