using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

internal sealed class SagaTransitionConfiguration : IEntityTypeConfiguration<SagaTransition>
{
    public const string Table = "saga_transitions";

    public void Configure(EntityTypeBuilder<SagaTransition> transition)
    {
        transition.ToTable(Table);
        transition.HasKey(t => t.Sequence);
        transition.Property(t => t.Sequence).UseIdentityByDefaultColumn();
        transition.Property(t => t.SagaType).HasMaxLength(SagaTransition.MaxNameLength);
        transition.Property(t => t.FromState).HasMaxLength(SagaState.MaxStateLength);
        transition.Property(t => t.ToState).HasMaxLength(SagaState.MaxStateLength);
        transition.Property(t => t.Event).HasMaxLength(SagaTransition.MaxNameLength);
        transition.Property(t => t.Instance).HasMaxLength(SagaTransition.MaxNameLength);

        // A saga's history in order; and the purge's walk over the history of sagas no longer stored.
        transition.HasIndex(t => new { t.CorrelationId, t.Sequence });
        transition.HasIndex(t => new { t.SagaType, t.RecordedAt });
    }
}
