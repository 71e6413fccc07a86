using Aurora.Reactive.Connections;
using Aurora.Reactive.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal;
using AuroraNpgsqlDriver = Aurora.Reactive.Npgsql.NpgsqlDriver;

namespace Aurora.Reactive.EntityFrameworkCore;

/// <summary>
/// <c>UseAuroraNpgsql</c>: the Npgsql EF Core provider over an <see cref="AuroraConnection"/>, so that a lost writer moves
/// the context's connection to the new writer and <see cref="AuroraExecutionStrategy"/> runs the interrupted work again.
/// </summary>
public static class AuroraNpgsqlDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Configures the context for PostgreSQL through Aurora.Reactive, from a connection string with this library's keys and
    /// Npgsql's. Every context configured with the same string shares one <see cref="AuroraDataSource"/> (one topology
    /// monitor, one pool per node) for the rest of the process, as <c>new AuroraConnection(connectionString, driver)</c> does.
    /// </summary>
    /// <param name="optionsBuilder">The options of the context.</param>
    /// <param name="connectionString">The connection string, such as <c>Host=mydb.cluster-xyz...;Username=app;failover_timeout_sec=60</c>.</param>
    /// <param name="npgsqlOptionsAction">Further Npgsql provider settings; runs after the defaults, so
    /// <c>npgsql.ExecutionStrategy(...)</c> here replaces the default <see cref="AuroraExecutionStrategy"/>.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optionsBuilder"/> or <paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is empty or invalid (the message names the key and value).</exception>
    public static DbContextOptionsBuilder UseAuroraNpgsql(
        this DbContextOptionsBuilder optionsBuilder,
        string connectionString,
        Action<NpgsqlDbContextOptionsBuilder>? npgsqlOptionsAction = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return optionsBuilder.UseAuroraNpgsql(SharedDataSources.For(AuroraNpgsqlDriver.Instance, connectionString), npgsqlOptionsAction);
    }

    /// <summary>
    /// Configures the context for PostgreSQL through an <see cref="AuroraDataSource"/> built with <c>NpgsqlDriver.Instance</c>.
    /// The caller keeps ownership of the data source: dispose it after the last context that uses it.
    /// </summary>
    /// <param name="optionsBuilder">The options of the context.</param>
    /// <param name="dataSource">The data source, from <c>AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance)</c>.</param>
    /// <param name="npgsqlOptionsAction">Further Npgsql provider settings; runs after the defaults, so
    /// <c>npgsql.ExecutionStrategy(...)</c> here replaces the default <see cref="AuroraExecutionStrategy"/>.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optionsBuilder"/> or <paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The data source's driver is not the Npgsql driver.</exception>
    public static DbContextOptionsBuilder UseAuroraNpgsql(
        this DbContextOptionsBuilder optionsBuilder,
        AuroraDataSource dataSource,
        Action<NpgsqlDbContextOptionsBuilder>? npgsqlOptionsAction = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentNullException.ThrowIfNull(dataSource);
        if (dataSource.Driver is not AuroraNpgsqlDriver)
        {
            throw new ArgumentException(
                $"UseAuroraNpgsql needs a data source over NpgsqlDriver.Instance, not over {dataSource.Driver.GetType().Name}.", nameof(dataSource));
        }

        optionsBuilder.UseNpgsql(dataSource, npgsql =>
        {
            npgsql.ExecutionStrategy(dependencies => new AuroraExecutionStrategy(dependencies));
            npgsqlOptionsAction?.Invoke(npgsql);
        });

        // The four places where the provider needs more than a DbConnection (see Internal/).
        return optionsBuilder
            .ReplaceService<INpgsqlRelationalConnection, AuroraNpgsqlRelationalConnection>()
            .ReplaceService<IModificationCommandBatchFactory, AuroraNpgsqlModificationCommandBatchFactory>()
            .ReplaceService<IRelationalDatabaseCreator, AuroraNpgsqlDatabaseCreator>()
            .ReplaceService<IRelationalTransactionFactory, AuroraRelationalTransactionFactory>();
    }

    /// <summary>Configures the context for PostgreSQL through Aurora.Reactive, from a connection string; see the non-generic overload.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="optionsBuilder">The options of the context.</param>
    /// <param name="connectionString">The connection string, with this library's keys and Npgsql's.</param>
    /// <param name="npgsqlOptionsAction">Further Npgsql provider settings, run after the defaults.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optionsBuilder"/> or <paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is empty or invalid.</exception>
    public static DbContextOptionsBuilder<TContext> UseAuroraNpgsql<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        string connectionString,
        Action<NpgsqlDbContextOptionsBuilder>? npgsqlOptionsAction = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UseAuroraNpgsql((DbContextOptionsBuilder)optionsBuilder, connectionString, npgsqlOptionsAction);

    /// <summary>Configures the context for PostgreSQL through an <see cref="AuroraDataSource"/>; see the non-generic overload.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="optionsBuilder">The options of the context.</param>
    /// <param name="dataSource">The data source, built with <c>NpgsqlDriver.Instance</c>; the caller disposes it.</param>
    /// <param name="npgsqlOptionsAction">Further Npgsql provider settings, run after the defaults.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="optionsBuilder"/> or <paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The data source's driver is not the Npgsql driver.</exception>
    public static DbContextOptionsBuilder<TContext> UseAuroraNpgsql<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        AuroraDataSource dataSource,
        Action<NpgsqlDbContextOptionsBuilder>? npgsqlOptionsAction = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UseAuroraNpgsql((DbContextOptionsBuilder)optionsBuilder, dataSource, npgsqlOptionsAction);
}
