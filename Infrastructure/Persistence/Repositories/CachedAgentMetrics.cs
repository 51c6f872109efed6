using System.Text.Json.Serialization;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>
/// An agent's metrics as the cache holds them, under their own aggregate type: version 0 is "no metrics yet", cached
/// too so an idle agent is no database read either. Running workflows are in it because every workflow start and
/// end changes the version of each of its agents.
/// </summary>
internal sealed record CachedAgentMetrics(string AgentId, long TasksCompleted, long TasksFailed, DateTimeOffset? LastActiveAt, int RunningWorkflows)
    : IAggregate
{
    public static string AggregateType => "agent-metrics";

    [JsonIgnore]
    public string Key => AgentId;

    public long Version { get; set; }

    [JsonIgnore]
    public AgentMetricsReading Reading => new(TasksCompleted, TasksFailed, LastActiveAt, RunningWorkflows);
}
