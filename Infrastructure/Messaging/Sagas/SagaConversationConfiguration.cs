using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

internal sealed class SagaConversationConfiguration : IEntityTypeConfiguration<SagaConversationEntry>
{
    public const string Table = "saga_conversation";

    public void Configure(EntityTypeBuilder<SagaConversationEntry> entry)
    {
        entry.ToTable(Table);
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).UseIdentityByDefaultColumn();
        entry.Property(e => e.SagaType).HasMaxLength(SagaTransition.MaxNameLength);
        entry.Property(e => e.Caused).HasColumnType("jsonb");

        // A saga's conversation in order, and its purge with the saga: the only index, since it is written on every message
        // that moves a saga (the purge of history whose saga is gone finds it through the transitions it purges).
        entry.HasIndex(e => new { e.CorrelationId, e.Sequence });
    }
}
