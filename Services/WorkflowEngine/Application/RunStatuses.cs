using AgentLightning.Contracts.Workflows;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>A run's (and a run step's) status: pending until the saga reports, then the saga's word.</summary>
internal static class RunStatuses
{
    public const string Pending = "pending";
    public const string Running = WorkflowStatuses.Running;
    public const string Completed = WorkflowStatuses.Completed;
    public const string Failed = WorkflowStatuses.Failed;
    public const string Cancelled = WorkflowStatuses.Cancelled;
}
