using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Budgets;

namespace Orch.Core.Storage.Configurations;

internal sealed class BudgetCounterConfiguration : IEntityTypeConfiguration<BudgetCounter>
{
    public void Configure(EntityTypeBuilder<BudgetCounter> builder)
    {
        builder.ToTable("budget_counters");
        builder.HasKey(c => c.Scope);
        builder.Property(c => c.RowVersion).IsConcurrencyToken();
    }
}
