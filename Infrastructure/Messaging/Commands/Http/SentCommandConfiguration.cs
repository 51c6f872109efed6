using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

internal sealed class SentCommandConfiguration : IEntityTypeConfiguration<SentCommand>
{
    public void Configure(EntityTypeBuilder<SentCommand> sent)
    {
        sent.ToTable("sent_commands");
        sent.HasKey(s => s.MessageId);
        sent.Property(s => s.MessageId).ValueGeneratedNever();
        sent.Property(s => s.MessageType).HasMaxLength(256);

        // Retention deletes from the oldest.
        sent.HasIndex(s => s.SentAt);
    }
}
