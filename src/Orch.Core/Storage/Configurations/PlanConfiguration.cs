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
        builder.Property(p => p.RowVersion).IsConcurrencyToken();
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // Two writers creating "the next version" at once: one of them fails on this index.
        builder.HasIndex(p => new { p.ProjectId, p.Version }).IsUnique().HasDatabaseName("ux_plans_project_version");
        // At most one approved version per project: the one that runs.
        builder.HasIndex(p => p.ProjectId).IsUnique().HasFilter("status = 'Approved'").HasDatabaseName("ux_plans_one_approved");
        builder.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Tasks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
