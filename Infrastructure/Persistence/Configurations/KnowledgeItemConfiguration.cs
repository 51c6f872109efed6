using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class KnowledgeItemConfiguration : IEntityTypeConfiguration<KnowledgeItem>
{
    public void Configure(EntityTypeBuilder<KnowledgeItem> knowledge)
    {
        knowledge.ToTable("knowledge");
        knowledge.HasKey(k => k.Id);
        knowledge.Property(k => k.Id).ValueGeneratedNever();
        knowledge.Property(k => k.AgentId).HasMaxLength(Agent.MaxIdLength);
        knowledge.Property(k => k.Category).HasMaxLength(100);
        knowledge.Property(k => k.Source).HasMaxLength(500);
        knowledge.Property(k => k.Metadata).HasColumnType("jsonb");
        knowledge.Property(k => k.Version).IsConcurrencyToken();
        knowledge.Ignore(k => k.Key);
        knowledge.HasIndex(k => new { k.AgentId, k.Category });

        // A knowledge item never outlives its agent. Restrict, not cascade: items are cached aggregates with
        // events of their own, so deleting an agent deletes its items first, each announced (AgentCommands).
        knowledge.HasOne<Agent>().WithMany().HasForeignKey(k => k.AgentId).OnDelete(DeleteBehavior.Restrict);
        knowledge.HasIndex(k => k.CreatedAt);
    }
}
