using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class ModelExecutionConfiguration : IEntityTypeConfiguration<ModelExecution>
{
    public void Configure(EntityTypeBuilder<ModelExecution> execution)
    {
        execution.ToTable("model_executions");
        execution.HasKey(e => e.TaskId);
        execution.Property(e => e.TaskId).ValueGeneratedNever();
        execution.Property(e => e.Model).HasMaxLength(200);
        execution.Property(e => e.AgentId).HasMaxLength(Agent.MaxIdLength);
        execution.Property(e => e.Context).HasColumnType("jsonb");
        execution.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        execution.Property(e => e.Status).HasMaxLength(16);
        execution.Property(e => e.LeaseOwner).HasMaxLength(200);

        // The claim's order: a model's rows by priority, then arrival.
        execution.HasIndex(e => new { e.Model, e.Priority, e.Sequence }).IsDescending(false, true, false);
    }
}
