namespace AgentLightning.Contracts.Workflows;

/// <summary>Workflow status values as stored in the workflows table and carried in messages.</summary>
public static class WorkflowStatuses
{
    public const string Draft = "draft";

    public const string Running = "running";

    public const string Completed = "completed";

    public const string Failed = "failed";

    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Draft, Running, Completed, Failed, Cancelled];
}
