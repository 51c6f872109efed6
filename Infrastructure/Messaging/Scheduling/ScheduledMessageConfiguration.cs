using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

internal sealed class ScheduledMessageConfiguration : IEntityTypeConfiguration<ScheduledMessageEntry>
{
    public const string Table = "scheduled_messages";

    public void Configure(EntityTypeBuilder<ScheduledMessageEntry> message)
    {
        message.ToTable(Table);
        message.HasKey(m => m.TokenId);
        message.Property(m => m.TokenId).ValueGeneratedNever();
        message.Property(m => m.DestinationAddress).HasMaxLength(1024);
        message.Property(m => m.ContentType).HasMaxLength(256);
        message.Property(m => m.Headers).HasColumnType("jsonb");
        message.Property(m => m.TransportProperties).HasColumnType("jsonb");

        // The claim walks this index from the oldest due row and stops after a batch, however large the backlog.
        message.HasIndex(m => m.DueAt);

        // Operators (and dead-letter tooling) look a message up by its id.
        message.HasIndex(m => m.MessageId);
    }
}
