using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> workflow)
    {
        workflow.ToTable("workflows");
        workflow.HasKey(w => w.Id);
        workflow.Property(w => w.Id).ValueGeneratedNever();
        workflow.Property(w => w.Name).HasMaxLength(200);
        workflow.Property(w => w.Status).HasMaxLength(32);
        workflow.Property(w => w.CreatedBy).HasMaxLength(200);
        workflow.Property(w => w.AssignedTo).HasMaxLength(200);
        workflow.Property(w => w.Steps).HasColumnType("jsonb");
        workflow.Property(w => w.Context).HasColumnType("jsonb");
        workflow.Property(w => w.Version).IsConcurrencyToken();
        workflow.Ignore(w => w.Key);
        workflow.HasIndex(w => w.Status);
        workflow.HasIndex(w => w.CreatedAt);
    }
}
