using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class AgentTaskConfiguration : IEntityTypeConfiguration<AgentTask>
{
    public void Configure(EntityTypeBuilder<AgentTask> task)
    {
        task.ToTable("tasks");
        task.HasKey(t => t.Id);
        task.Property(t => t.Id).ValueGeneratedNever();
        task.Property(t => t.AgentId).HasMaxLength(Agent.MaxIdLength);
        task.Property(t => t.Status).HasMaxLength(32);
        task.Property(t => t.Context).HasColumnType("jsonb");
        task.Property(t => t.Result).HasColumnType("jsonb");
        task.Property(t => t.Version).IsConcurrencyToken();
        task.Ignore(t => t.Key);
        task.HasIndex(t => new { t.AgentId, t.Status });
        task.HasIndex(t => t.CreatedAt);
        // A run's tasks (inspection, the exactly-once check per step); most tasks belong to no run.
        task.HasIndex(t => t.RunId).HasFilter("run_id IS NOT NULL");
    }
}
