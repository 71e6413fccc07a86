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
