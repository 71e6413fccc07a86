using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aurora.Reactive.IntegrationTests.EntityFrameworkCore.Migrations;

/// <summary>The second migration: an amount column, so <c>Migrate()</c> applies a sequence and records both.</summary>
[DbContext(typeof(LedgerContext))]
[Migration("20260102000000_AddLedgerAmount")]
public sealed class AddLedgerAmount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>(name: "Amount", table: "ledger_entries", type: "integer", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Amount", table: "ledger_entries");
}
