using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Budgets;

namespace Orch.Core.Storage.Configurations;

internal sealed class BudgetReservationConfiguration : IEntityTypeConfiguration<BudgetReservation>
{
    public void Configure(EntityTypeBuilder<BudgetReservation> builder)
    {
        builder.ToTable("budget_reservations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RowVersion).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Status, r.ExpiresAt }).HasDatabaseName("ix_budget_reservations_status_expires");
        builder.HasIndex(r => new { r.ProjectId, r.Status }).HasDatabaseName("ix_budget_reservations_project_status");
    }
}
