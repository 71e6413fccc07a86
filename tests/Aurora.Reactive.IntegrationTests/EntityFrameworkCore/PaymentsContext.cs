using Microsoft.EntityFrameworkCore;

namespace Aurora.Reactive.IntegrationTests.EntityFrameworkCore;

/// <summary>One row per acknowledged write; <see cref="Marker"/> is chosen by the test and deliberately not unique, so a doubled row shows.</summary>
public sealed class Payment
{
    public long Id { get; set; }

    public Guid Marker { get; set; }

    public int Amount { get; set; }
}

public sealed class PaymentsContext(DbContextOptions<PaymentsContext> options) : DbContext(options)
{
    public DbSet<Payment> Payments => Set<Payment>();
}
