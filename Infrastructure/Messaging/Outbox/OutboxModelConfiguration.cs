using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.SequenceNumber);
        message.Property(m => m.SequenceNumber).UseIdentityAlwaysColumn();
        message.Property(m => m.ContentType).HasMaxLength(256);
        message.Property(m => m.MessageType);
        message.Property(m => m.Headers);
        message.Property(m => m.Properties);
        message.HasOne<OutboxState>().WithMany().HasForeignKey(m => m.OutboxId).OnDelete(DeleteBehavior.Restrict);

        // Delivery reads one outbox's messages in order.
        message.HasIndex(m => new { m.OutboxId, m.SequenceNumber });

        // A command's outcome (GET /commands/{type}/{id}) asks whether it still waits here.
        message.HasIndex(m => m.MessageId);
    }
}

internal sealed class OutboxStateConfiguration : IEntityTypeConfiguration<OutboxState>
{
    public void Configure(EntityTypeBuilder<OutboxState> state)
    {
        state.ToTable("outbox_state");
        state.HasKey(s => s.OutboxId);
        state.Property(s => s.OutboxId).ValueGeneratedNever();

        // The delivery query walks this index from the oldest due outbox and stops after a batch: it stays
        // fast however large the backlog.
        state.HasIndex(s => new { s.NextAttemptAt, s.CreatedAt });
    }
}

internal sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> attempt)
    {
        // No foreign key: the record must outlive a crash whatever happens to its outbox.
        attempt.ToTable("outbox_attempts");
        attempt.HasKey(a => a.OutboxId);
        attempt.Property(a => a.OutboxId).ValueGeneratedNever();
    }
}

internal sealed class InboxStateConfiguration : IEntityTypeConfiguration<InboxState>
{
    public void Configure(EntityTypeBuilder<InboxState> inbox)
    {
        inbox.ToTable("inbox_state");
        inbox.HasKey(i => new { i.MessageId, i.ConsumerId });
        inbox.Property(i => i.ConsumerId).HasMaxLength(256);
        inbox.HasIndex(i => i.ReceivedAt);
    }
}
