using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Events;

namespace Orch.Core.Storage.Configurations;

internal sealed class OrchEventConfiguration : IEntityTypeConfiguration<OrchEvent>
{
    public void Configure(EntityTypeBuilder<OrchEvent> builder)
    {
        builder.ToTable("events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(e => new { e.ProjectId, e.Sequence }).HasDatabaseName("ix_events_project_sequence");
    }
}
