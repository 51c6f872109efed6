using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Channel).HasMaxLength(200);
        delivery.Property(d => d.Body).HasColumnType("text");
        delivery.Property(d => d.Status).HasMaxLength(16);

        // A removed integration takes its deliveries' history with it.
        delivery.HasOne<Integration>().WithMany().HasForeignKey(d => d.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);

        // An integration's deliveries, newest first (optionally of one status), as one keyset range scan.
        delivery.HasIndex(d => new { d.IntegrationId, d.CreatedAt, d.Id });
        delivery.HasIndex(d => new { d.IntegrationId, d.Status, d.CreatedAt, d.Id });

        // The retention's walk from the oldest delivered delivery (pending and failed ones are never purged).
        delivery.HasIndex(d => d.DeliveredAt).HasFilter("status = 'delivered'");
    }
}
