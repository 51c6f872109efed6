using System.Globalization;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// What a command carries across its redeliveries and replays. Each redelivery is a new message (its own
/// MessageId, so the inbox that marked the previous one lets it in); these headers keep the command's identity
/// and the start of its redelivery window, so the bound holds across redeliveries and restarts.
/// </summary>
public static class CommandHeaders
{
    /// <summary>
    /// MassTransit copies every header of a consumed message onto what its consumer sends or publishes, except those
    /// named with its own prefix "MT-" (TransferConsumeContextHeaders). The platform's headers describe one message,
    /// never the messages it causes, so they carry that prefix too.
    /// </summary>
    public const string Prefix = "MT-AL-";

    /// <summary>Marks a command, so delivery sends it mandatory: with no owner queue bound it is refused, not lost.</summary>
    public const string Command = Prefix + "Command";

    /// <summary>The MessageId the command was first sent with.</summary>
    public const string CommandId = Prefix + "Command-Id";

    /// <summary>When its owner first found its target missing (ISO 8601, UTC).</summary>
    public const string FirstAttempt = Prefix + "Command-First-Attempt";

    /// <summary>
    /// How many times the command was scheduled again for a missing target. Apart from MT-Redelivery-Count, which
    /// the endpoint's redelivery retry reads as retries already spent, so a transient failure still gets all of them.
    /// </summary>
    public const string Redelivery = Prefix + "Command-Redelivery";

    public static int RedeliveryOf(ConsumeContext context) => context.Headers.Get<int>(Redelivery) ?? 0;

    public static Guid CommandIdOf(ConsumeContext context) =>
        context.Headers.Get<string>(CommandId) is { } text && Guid.TryParse(text, out var id)
            ? id
            : context.MessageId ?? throw new MessageException(context.GetType(), "A command needs a MessageId.");

    public static DateTimeOffset? FirstAttemptOf(ConsumeContext context) =>
        context.Headers.Get<string>(FirstAttempt) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : null;

    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
