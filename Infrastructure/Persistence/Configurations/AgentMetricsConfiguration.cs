using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

/// <summary>
/// No foreign key to agents: a task's event may arrive before its agent's creation is seen, or after its deletion,
/// and is counted all the same.
/// </summary>
internal sealed class AgentMetricsConfiguration :
    IEntityTypeConfiguration<AgentMetrics>, IEntityTypeConfiguration<AgentTaskOutcome>, IEntityTypeConfiguration<WorkflowActivity>
{
    public void Configure(EntityTypeBuilder<AgentMetrics> metrics)
    {
        metrics.ToTable("agent_metrics");
        metrics.HasKey(m => m.AgentId);
        metrics.Property(m => m.AgentId).HasMaxLength(Agent.MaxIdLength);
    }

    public void Configure(EntityTypeBuilder<AgentTaskOutcome> outcome)
    {
        outcome.ToTable("agent_task_outcomes");
        outcome.HasKey(o => o.TaskId);
        outcome.Property(o => o.TaskId).ValueGeneratedNever();
        outcome.Property(o => o.AgentId).HasMaxLength(Agent.MaxIdLength);
        outcome.Property(o => o.Outcome).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<WorkflowActivity> activity)
    {
        activity.ToTable("agent_workflow_activity");
        activity.HasKey(a => a.RunId);
        activity.Property(a => a.RunId).ValueGeneratedNever();

        // "Is this agent in a run that has not ended?" without reading the ended ones.
        activity.HasIndex(a => a.AgentIds).HasMethod("gin").HasFilter("NOT ended");

        // Retention deletes ended runs from the oldest end (RetentionService).
        activity.HasIndex(a => a.EndedAt).HasFilter("ended");
    }
}
