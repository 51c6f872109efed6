namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>What to list; every criterion left null matches everything.</summary>
public sealed record DeadLetterFilter
{
    public string? Status { get; init; }

    public string? Reason { get; init; }

    public string? SourceService { get; init; }

    public string? SourceQueue { get; init; }

    /// <summary>A message type URN, e.g. <c>urn:message:AgentLightning.Contracts.Agents:CreateAgent</c>.</summary>
    public string? MessageType { get; init; }

    public DateTimeOffset? FailedAfter { get; init; }

    public DateTimeOffset? FailedBefore { get; init; }
}

/// <summary>A row of the list: what failed, where and why, without the body and headers.</summary>
public sealed record DeadLetterSummary(
    Guid Id, string MessageId, IReadOnlyList<string> MessageTypes, string SourceService, string SourceQueue, string Reason,
    string Status, string? ExceptionType, string? ExceptionMessage, int AttemptCount, int FailureCount, int ReplayCount,
    DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt);

/// <summary>One dead letter with its audit trail, oldest action first.</summary>
public sealed record DeadLetterDetails(DeadLetter Letter, IReadOnlyList<DeadLetterAction> Actions);
