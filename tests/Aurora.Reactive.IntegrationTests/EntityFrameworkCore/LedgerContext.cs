using Microsoft.EntityFrameworkCore;

namespace Aurora.Reactive.IntegrationTests.EntityFrameworkCore;

/// <summary>An entry of <see cref="LedgerContext"/>, whose schema comes from its migrations (Migrations/), not from EnsureCreated.</summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Added by the second migration.</summary>
    public int Amount { get; set; }
}

/// <summary>A context whose database is built by <c>Database.Migrate()</c>: two hand-written migrations and their model snapshot.</summary>
public sealed class LedgerContext(DbContextOptions<LedgerContext> options) : DbContext(options)
{
    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.Property(e => e.Name).HasMaxLength(100);
        });
}
