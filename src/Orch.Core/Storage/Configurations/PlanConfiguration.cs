using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Plans;
using Orch.Core.Projects;

namespace Orch.Core.Storage.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Requirements).HasMaxLength(Plan.MaxRequirementsLength);
        builder.Property(p => p.RowVersion).IsConcurrencyToken();
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // Two writers creating "the next version" at once: one of them fails on this index.
        builder.HasIndex(p => new { p.ProjectId, p.Version }).IsUnique();
        builder.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
