using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Tools;

namespace Orch.Core.Storage.Configurations;

internal sealed class KnowledgeEntryConfiguration : IEntityTypeConfiguration<KnowledgeEntry>
{
    public void Configure(EntityTypeBuilder<KnowledgeEntry> builder)
    {
        // Its full-text index (FTS5 table or GIN index) is kept by the schema steps, outside the model.
        builder.ToTable("knowledge_entries");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.HasIndex(k => new { k.ProjectId, k.Source }).IsUnique().HasDatabaseName("ux_knowledge_entries_project_source");
    }
}
