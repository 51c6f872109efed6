namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// One message a saga consumed that moved it or made it send, publish or schedule something, with what it caused
/// (saga_conversation), written in the transaction that saved the saga. A message that did neither leaves no row.
/// </summary>
public sealed class SagaConversationEntry
{
    /// <summary>A bigserial: the order of a saga's consumed messages.</summary>
    public long Sequence { get; set; }

    /// <summary>The saga class's name (without namespace), as in saga_transitions.</summary>
    public required string SagaType { get; init; }

    public Guid CorrelationId { get; init; }

    public Guid? MessageId { get; init; }

    /// <summary>The consumed message's type URN (<c>urn:message:Namespace:Type</c>).</summary>
    public required string MessageType { get; init; }

    public Guid? ConversationId { get; init; }

    /// <summary>When the delivery that took effect was received, before its in-process retries.</summary>
    public DateTime ReceivedAt { get; init; }

    /// <summary>The <see cref="SagaCausedMessage"/>s, in the order they were sent (jsonb; an empty array for a move that sent nothing).</summary>
    public string Caused { get; set; } = "[]";
}
