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
        builder.Property(t => t.RowVersion).IsConcurrencyToken();
        builder.Ignore(t => t.Tools);
        builder.Ignore(t => t.AcceptanceCriteria);
        builder.Ignore(t => t.DependsOn);
        builder.Property<List<string>>("tools");
        builder.Property<List<string>>("acceptanceCriteria");
        builder.Property<List<string>>("dependsOn");
        builder.HasIndex(t => new { t.PlanId, t.Key }).IsUnique().HasDatabaseName("ux_plan_tasks_plan_key");
        builder.HasIndex(t => new { t.ProjectId, t.Status }).HasDatabaseName("ix_plan_tasks_project_status");
        builder.HasIndex(t => new { t.Status, t.Priority, t.Position }).HasDatabaseName("ix_plan_tasks_status_priority");
    }
}
