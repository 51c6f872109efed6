using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class LoggedEventConfiguration : IEntityTypeConfiguration<LoggedEvent>
{
    public void Configure(EntityTypeBuilder<LoggedEvent> entry)
    {
        entry.ToTable("event_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.AggregateType).HasMaxLength(50);
        entry.Property(e => e.AggregateId).HasMaxLength(100);
        entry.Property(e => e.EventType).HasMaxLength(100);
        entry.Property(e => e.Service).HasMaxLength(100);
        entry.Property(e => e.Data).HasColumnType("jsonb");

        // One entry per version of an aggregate: a second writer of the same version fails here.
        entry.HasIndex(e => new { e.AggregateType, e.AggregateId, e.Sequence }).IsUnique();

        // Only changes made by a consumer carry one: the index stays as small as they are.
        entry.HasIndex(e => e.CausationId).HasFilter("causation_id IS NOT NULL");
    }
}
