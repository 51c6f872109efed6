using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> integration)
    {
        integration.ToTable("integrations");
        integration.HasKey(i => i.Id);
        integration.Property(i => i.Id).ValueGeneratedNever();
        integration.Property(i => i.Name).HasMaxLength(Integration.MaxNameLength);
        integration.Property(i => i.Kind).HasMaxLength(32);
        integration.Property(i => i.Url).HasMaxLength(Integration.MaxUrlLength);
        integration.Property(i => i.Secret).HasMaxLength(200);
        integration.Property(i => i.AuthHeaderName).HasMaxLength(100);
        integration.Property(i => i.AuthHeaderValue).HasMaxLength(4000);
        integration.Property(i => i.Version).IsConcurrencyToken();
        integration.Ignore(i => i.Key);

        // The list's filters, each ending in the id the list pages by.
        integration.HasIndex(i => new { i.Kind, i.Active, i.Id });
        integration.HasIndex(i => new { i.Active, i.Id });
    }
}
