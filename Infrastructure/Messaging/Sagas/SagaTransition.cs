namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>One move of one saga, written in the transaction that made it (saga_transitions).</summary>
public sealed class SagaTransition
{
    public const int MaxNameLength = 200;

    /// <summary>A bigserial: the order of a saga's transitions, and of all of them.</summary>
    public long Sequence { get; set; }

    /// <summary>The saga class's name (without namespace).</summary>
    public required string SagaType { get; init; }

    public Guid CorrelationId { get; init; }

    /// <summary>Null for none (the first move out of Initial has Initial here).</summary>
    public string? FromState { get; init; }

    public required string ToState { get; init; }

    public required string Event { get; init; }

    public Guid? MessageId { get; init; }

    public Guid? ConversationId { get; init; }

    public Guid? InitiatorId { get; init; }

    public DateTime RecordedAt { get; init; }

    /// <summary>The service instance that made the move (service name, host, process).</summary>
    public required string Instance { get; init; }
}
