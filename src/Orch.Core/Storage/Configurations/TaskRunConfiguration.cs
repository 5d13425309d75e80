using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Execution;
using Orch.Core.Plans;

namespace Orch.Core.Storage.Configurations;

internal sealed class TaskRunConfiguration : IEntityTypeConfiguration<TaskRun>
{
    public void Configure(EntityTypeBuilder<TaskRun> builder)
    {
        builder.ToTable("task_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RowVersion).IsConcurrencyToken();
        builder.HasOne<PlanTask>().WithMany().HasForeignKey(r => r.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        // One row per attempt: two workers cannot both record attempt 3.
        builder.HasIndex(r => new { r.PlanTaskId, r.Attempt }).IsUnique().HasDatabaseName("ux_task_runs_task_attempt");
        builder.HasIndex(r => new { r.ProjectId, r.Status }).HasDatabaseName("ix_task_runs_project_status");
        builder.HasIndex(r => new { r.Status, r.LeaseExpiresAt }).HasDatabaseName("ix_task_runs_status_lease");
    }
}
