using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class SagaActionConfiguration : IEntityTypeConfiguration<SagaAction>
{
    public void Configure(EntityTypeBuilder<SagaAction> action)
    {
        action.ToTable("saga_actions");
        action.HasKey(a => a.Id);
        action.Property(a => a.Id).UseIdentityAlwaysColumn();
        action.Property(a => a.SagaType).HasMaxLength(SagaTransition.MaxNameLength);
        action.Property(a => a.Action).HasMaxLength(30);
        action.Property(a => a.Actor).HasMaxLength(200);
        action.Property(a => a.Result).HasMaxLength(20);
        action.Property(a => a.Detail).HasColumnType("jsonb");

        // A saga's detail shows its actions, oldest first. No foreign key: the audit outlives the purge of the saga.
        action.HasIndex(a => new { a.CorrelationId, a.At });
    }
}
