using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>Makes <see cref="AuroraNpgsqlModificationCommandBatch"/>es, with the provider's batch size.</summary>
internal sealed class AuroraNpgsqlModificationCommandBatchFactory(ModificationCommandBatchFactoryDependencies dependencies, IDbContextOptions options)
    : IModificationCommandBatchFactory
{
    // The provider's default when MaxBatchSize is not set.
    private const int DefaultMaxBatchSize = 1000;

    private readonly int _maxBatchSize = options.FindExtension<NpgsqlOptionsExtension>()?.MaxBatchSize is { } size
        ? size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(options), size, "MaxBatchSize must be positive.")
        : DefaultMaxBatchSize;

    public ModificationCommandBatch Create() => new AuroraNpgsqlModificationCommandBatch(dependencies, _maxBatchSize);
}
