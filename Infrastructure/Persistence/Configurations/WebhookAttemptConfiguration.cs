using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Persistence.Configurations;

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("webhook_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Error).HasMaxLength(2000);
        attempt.Property(a => a.Response).HasMaxLength(WebhookAttempt.MaxResponseLength);
        attempt.HasIndex(a => new { a.DeliveryId, a.Number });
    }
}
