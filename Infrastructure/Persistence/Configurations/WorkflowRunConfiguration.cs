using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowRunConfiguration : IEntityTypeConfiguration<WorkflowRun>
{
    public void Configure(EntityTypeBuilder<WorkflowRun> run)
    {
        run.ToTable("workflow_runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.Status).HasMaxLength(32);
        run.Property(r => r.Steps).HasColumnType("jsonb");
        run.Property(r => r.RowVersion).IsRowVersion();
        run.HasIndex(r => new { r.WorkflowId, r.CreatedAt });
    }
}
