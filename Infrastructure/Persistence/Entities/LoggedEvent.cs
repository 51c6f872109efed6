namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// One state change of one aggregate, appended in the transaction that made the change. Never updated or
/// deleted. <see cref="Sequence"/> is the aggregate's version after the change, unique per aggregate.
/// </summary>
public sealed class LoggedEvent
{
    public long Id { get; set; }

    public required string AggregateType { get; set; }

    public required string AggregateId { get; set; }

    public long Sequence { get; set; }

    public required string EventType { get; set; }

    /// <summary>JSON snapshot of the aggregate after the change (jsonb).</summary>
    public required string Data { get; set; }

    public required string Service { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>
    /// The message whose consumer made the change (a command's first MessageId, kept across its redeliveries);
    /// null for a change made over HTTP. How a command's outcome finds its events.
    /// </summary>
    public Guid? CausationId { get; set; }
}
