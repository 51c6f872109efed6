namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>A message a sender (the outbox, the scheduler) tried to send until it gave up, as stored in its row.</summary>
internal sealed record UndeliverableMessage
{
    public required Guid MessageId { get; init; }

    public Guid? CorrelationId { get; init; }

    /// <summary>The message type URNs separated by ';', as MassTransit stores them.</summary>
    public required string MessageTypes { get; init; }

    public required string ContentType { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>The headers as a JSON object of plain values, or null.</summary>
    public string? Headers { get; init; }

    /// <summary>Null only for a corrupted row, which can never be sent either.</summary>
    public required Uri? Destination { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public required Exception Error { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset FirstFailedAt { get; init; }

    public required DateTimeOffset LastFailedAt { get; init; }
}
