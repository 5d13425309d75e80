using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Budgets;

namespace Orch.Core.Storage.Configurations;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("usage_records");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.HasIndex(u => u.OccurredAt).HasDatabaseName("ix_usage_records_occurred_at");
        builder.HasIndex(u => new { u.ProjectId, u.OccurredAt }).HasDatabaseName("ix_usage_records_project_occurred_at");
    }
}
