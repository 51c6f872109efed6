using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class KnowledgeItemConfiguration : IEntityTypeConfiguration<KnowledgeItem>
{
    /// <summary>The shadow property (column search_vector) the search matches; not part of the aggregate.</summary>
    public const string SearchVector = "SearchVector";

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

        // An agent's list, newest first, as one keyset range scan.
        knowledge.HasIndex(k => new { k.AgentId, k.CreatedAt, k.Id });

        // Full-text search: kept by PostgreSQL itself (a stored generated column), never written by the
        // application, so no write path can forget it. The category weighs like a title, the content less.
        knowledge.Property<NpgsqlTsVector>(SearchVector)
            .HasComputedColumnSql("setweight(to_tsvector('english', category), 'A') || setweight(to_tsvector('english', content), 'B')", stored: true);
        knowledge.HasIndex(SearchVector).HasMethod("gin");
    }
}
