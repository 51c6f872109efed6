using AgentLightning.Infrastructure.Messaging.Capture;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>A message a sender (the outbox, the scheduler) tried to send until it gave up, as stored in its row.</summary>
internal sealed record UndeliverableMessage
{
    /// <summary>Its destination is null only for a corrupted row, which can never be sent either.</summary>
    public required CapturedMessage Message { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public required Exception Error { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset FirstFailedAt { get; init; }

    public required DateTimeOffset LastFailedAt { get; init; }
}
