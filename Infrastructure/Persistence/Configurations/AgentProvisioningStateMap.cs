using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class AgentProvisioningStateMap() : SagaStateMap<AgentProvisioningState>("agent_provisioning_sagas")
{
    protected override void ConfigureData(EntityTypeBuilder<AgentProvisioningState> saga)
    {
        saga.Property(s => s.AgentId).HasMaxLength(Agent.MaxIdLength);
        saga.Property(s => s.Model).HasMaxLength(RegisteredModel.MaxNameLength);
        saga.Property(s => s.KeyRole).HasMaxLength(32);
        saga.Property(s => s.Step).HasMaxLength(AgentProvisioningState.MaxStepLength);
        saga.Property(s => s.FailedStep).HasMaxLength(AgentProvisioningState.MaxStepLength);
        HasOutcome(saga, s => s.Outcome, AgentProvisioningState.MaxOutcomeLength);
        saga.Property(s => s.FailureReason).HasMaxLength(AgentProvisioningState.MaxReasonLength);
    }
}
