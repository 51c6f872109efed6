namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>A unit of work given to an agent (named so it does not collide with <see cref="Task"/>).</summary>
public sealed class AgentTask : IAggregate
{
    public static string AggregateType => "task";

    public Guid Id { get; set; }

    public required string AgentId { get; set; }

    public required string Description { get; set; }

    public string Status { get; set; } = "pending";

    public int Priority { get; set; }

    /// <summary>The last percentage AI Model reported (0 to 100); never goes back.</summary>
    public int Progress { get; set; }

    /// <summary>The workflow the task belongs to, if any.</summary>
    public Guid? WorkflowId { get; set; }

    /// <summary>The workflow run whose step (or compensation) the task is, if any: the saga correlates the task's events by it.</summary>
    public Guid? RunId { get; set; }

    /// <summary>Free-form JSON object (jsonb).</summary>
    public string Context { get; set; } = "{}";

    /// <summary>Free-form JSON (jsonb), set when the task completes.</summary>
    public string? Result { get; set; }

    public string? ErrorMessage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public long Version { get; set; }

    public string Key => Id.ToString();
}
