using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orch.Core.Execution;

namespace Orch.Core.Storage.Configurations;

internal sealed class OrchNodeConfiguration : IEntityTypeConfiguration<OrchNode>
{
    public void Configure(EntityTypeBuilder<OrchNode> builder)
    {
        builder.ToTable("nodes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.RowVersion).IsConcurrencyToken();
    }
}
