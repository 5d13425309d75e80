using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Plans;

namespace Orch.Core.Storage.Configurations;

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.ToTable("plan_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Key).HasMaxLength(PlanLimits.MaxKeyLength);
        builder.Property(t => t.Title).HasMaxLength(PlanLimits.MaxTitleLength);
        builder.Property(t => t.Description).HasMaxLength(PlanLimits.MaxDescriptionLength);
        builder.Property(t => t.Tier).HasMaxLength(PlanLimits.MaxTierLength);
        builder.Property(t => t.RowVersion).IsConcurrencyToken();
        builder.HasIndex(t => new { t.PlanId, t.Key }).IsUnique();
        builder.HasIndex(t => new { t.ProjectId, t.Status });
    }
}
