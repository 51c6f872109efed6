using AgentLightning.Infrastructure.Persistence.Repositories;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>An agent's task metrics and availability ("busy" while a running workflow has a step of it, else "available").</summary>
internal sealed record AgentMetricsResponse(
    long TasksCompleted, long TasksFailed, double? SuccessRate, DateTimeOffset? LastActiveAt, string Availability, int RunningWorkflows)
{
    public const string Busy = "busy";

    public const string Available = "available";

    public static AgentMetricsResponse From(AgentMetricsReading reading) => new(
        reading.TasksCompleted, reading.TasksFailed, reading.SuccessRate, reading.LastActiveAt,
        reading.Busy ? Busy : Available, reading.RunningWorkflows);
}
