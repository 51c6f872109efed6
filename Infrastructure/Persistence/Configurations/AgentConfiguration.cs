using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> agent)
    {
        agent.ToTable("agents");
        agent.HasKey(a => a.Id);
        agent.Property(a => a.Id).HasMaxLength(Agent.MaxIdLength);
        agent.Property(a => a.Name).HasMaxLength(200);
        agent.Property(a => a.Model).HasMaxLength(200);
        agent.Property(a => a.Specialization).HasMaxLength(200);
        agent.Property(a => a.Status).HasMaxLength(32);
        agent.Property(a => a.Config).HasColumnType("jsonb");
        agent.Property(a => a.Version).IsConcurrencyToken();
        agent.Ignore(a => a.Key);
        agent.HasIndex(a => a.CreatedAt);

        // The list's filters: each an index ending in the id, so a filtered page is one keyset range scan.
        agent.HasIndex(a => new { a.Status, a.Id });
        agent.HasIndex(a => new { a.Model, a.Id });
        agent.HasIndex(a => new { a.Specialization, a.Id });

        // Text anywhere in the name (ILIKE '%q%'): a trigram index serves it, a b-tree cannot.
        agent.HasIndex(a => a.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
