namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>
/// A command sent through POST /commands, written in the transaction that puts it in the outbox: what makes its
/// outcome link answer for this id and this type only. Kept for Retention:SentCommands (docs/operations.md).
/// </summary>
public sealed class SentCommand
{
    public Guid MessageId { get; set; }

    public required string MessageType { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
