namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// The agents of a workflow run's steps while it runs: an agent is busy while a run that has not ended names it.
/// Keyed by the run, not the workflow: runs of one workflow start and end on their own, one after the other or at
/// once. An end that arrives before its start leaves the run's row ended, so the late start cannot make the agents busy.
/// </summary>
public sealed class WorkflowActivity
{
    public Guid RunId { get; set; }

    public List<string> AgentIds { get; set; } = [];

    public bool Ended { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
