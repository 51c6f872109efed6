namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// The first end a task reported, one row per task: a task event delivered again (even under a new message id,
/// which the inbox cannot recognise) finds its row and counts nothing.
/// </summary>
public sealed class AgentTaskOutcome
{
    public const string Completed = "completed";

    public const string Failed = "failed";

    public Guid TaskId { get; set; }

    public required string AgentId { get; set; }

    public required string Outcome { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}
