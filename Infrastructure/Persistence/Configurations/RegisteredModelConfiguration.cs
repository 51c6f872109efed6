using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModel>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> model)
    {
        model.ToTable("models");
        model.HasKey(m => m.Name);
        model.Property(m => m.Name).HasMaxLength(RegisteredModel.MaxNameLength);
        model.Property(m => m.Provider).HasMaxLength(32);
        model.Property(m => m.ProviderModel).HasMaxLength(200);
        model.Property(m => m.Version).IsConcurrencyToken();
        model.Ignore(m => m.Key);
    }
}
