using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowRunStateMap() : SagaStateMap<WorkflowRunState>("workflow_run_sagas")
{
    protected override void ConfigureData(EntityTypeBuilder<WorkflowRunState> saga)
    {
        saga.Property(s => s.Name).HasMaxLength(WorkflowRunState.MaxNameLength);
        saga.Property(s => s.Context).HasColumnType("jsonb");
        saga.Property(s => s.Steps).HasColumnType("jsonb");
        HasOutcome(saga, s => s.Outcome, WorkflowRunState.MaxOutcomeLength);
        saga.HasIndex(s => s.WorkflowId);
    }
}
