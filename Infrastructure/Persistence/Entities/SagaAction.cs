namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// One operator action on a saga (cancel, re-deliver its timeout), kept for audit with what it did or why it was
/// refused: never updated or deleted.
/// </summary>
public sealed class SagaAction
{
    public const string Cancel = "cancel";
    public const string RedeliverTimeout = "redeliver-timeout";

    public const string Done = "done";
    public const string Refused = "refused";

    public long Id { get; set; }

    /// <summary>The saga class's name, as in saga_transitions.</summary>
    public required string SagaType { get; set; }

    public Guid CorrelationId { get; set; }

    public required string Action { get; set; }

    /// <summary>The caller's name (or subject) from the token.</summary>
    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary><see cref="Done"/> or <see cref="Refused"/>.</summary>
    public required string Result { get; set; }

    /// <summary>What it did, as JSON (jsonb): the command sent and its MessageId, the timeouts made due, or the refusal's reason.</summary>
    public required string Detail { get; set; }
}
