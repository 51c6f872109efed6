namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// What an agent's tasks did, counted from the task events (each task once, see <see cref="AgentTaskOutcome"/>).
/// A row of its own, outside the agent aggregate: a task event never changes the agent's version or ETag.
/// </summary>
public sealed class AgentMetrics
{
    public required string AgentId { get; set; }

    public long TasksCompleted { get; set; }

    public long TasksFailed { get; set; }

    /// <summary>The latest time one of its tasks ended (the events' time, the maximum whatever their order).</summary>
    public DateTimeOffset? LastActiveAt { get; set; }

    /// <summary>Grows by one with every change of the agent's metrics (its task ends and its workflows): the cache compares it.</summary>
    public long Version { get; set; }
}
