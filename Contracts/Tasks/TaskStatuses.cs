namespace AgentLightning.Contracts.Tasks;

/// <summary>Task status values as stored in the tasks table and carried in messages.</summary>
public static class TaskStatuses
{
    public const string Pending = "pending";

    public const string Started = "started";

    public const string Completed = "completed";

    public const string Failed = "failed";

    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Pending, Started, Completed, Failed, Cancelled];
}
