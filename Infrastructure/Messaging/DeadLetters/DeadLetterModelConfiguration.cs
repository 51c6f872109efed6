using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

internal sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> letter)
    {
        letter.ToTable("dead_letters", table =>
        {
            table.HasCheckConstraint("ck_dead_letters_status", InList("status", DeadLetterStatus.All));
            table.HasCheckConstraint("ck_dead_letters_reason", InList("reason", DeadLetterReason.All));
        });
        letter.HasKey(d => d.Id);
        letter.Property(d => d.Id).ValueGeneratedNever();
        letter.Property(d => d.SourceQueue).HasMaxLength(255);
        letter.Property(d => d.Headers).HasColumnType("jsonb");
        letter.Property(d => d.Properties).HasColumnType("jsonb");
        letter.Property(d => d.SourceService).HasMaxLength(100);
        letter.Property(d => d.DeadLetterQueue).HasMaxLength(255);
        letter.Property(d => d.Reason).HasMaxLength(20);
        letter.Property(d => d.Status).HasMaxLength(20);

        // The same message from the same queue is one dead letter, however often it is captured.
        letter.HasIndex(d => new { d.SourceQueue, d.MessageId }).IsUnique();

        // The inbox clean-up keeps the rows of messages with a pending letter, looked up by message id per batch.
        letter.HasIndex(d => d.MessageId);

        // The console lists by status, newest failure first.
        letter.HasIndex(d => new { d.Status, d.LastFailedAt });
    }

    private static string InList(string column, IEnumerable<string> values) =>
        $"{column} IN ({string.Join(", ", values.Select(v => $"'{v}'"))})";
}

internal sealed class DeadLetterActionConfiguration : IEntityTypeConfiguration<DeadLetterAction>
{
    public void Configure(EntityTypeBuilder<DeadLetterAction> action)
    {
        action.ToTable("dead_letter_actions");
        action.HasKey(a => a.Id);
        action.Property(a => a.Id).UseIdentityAlwaysColumn();
        action.Property(a => a.Action).HasMaxLength(30);
        action.Property(a => a.Actor).HasMaxLength(200);
        action.Property(a => a.Detail).HasColumnType("jsonb");

        // An audited dead letter cannot be deleted from under its audit.
        action.HasOne<DeadLetter>().WithMany().HasForeignKey(a => a.DeadLetterId).OnDelete(DeleteBehavior.Restrict);
        action.HasIndex(a => new { a.DeadLetterId, a.At });
    }
}
