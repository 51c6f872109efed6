namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// The agents of a workflow's steps while it runs: an agent is busy while a workflow that has not ended names it.
/// An end that arrives before its start leaves the row ended, so the late start cannot make the agents busy.
/// </summary>
public sealed class WorkflowActivity
{
    public Guid WorkflowId { get; set; }

    public List<string> AgentIds { get; set; } = [];

    public bool Ended { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
