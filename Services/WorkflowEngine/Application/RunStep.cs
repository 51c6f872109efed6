using System.Text.Json;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// One step of a run as the saga's events report it (the run's steps column). <see cref="Version"/> is the
/// version of the run's event that last changed it.
/// </summary>
internal sealed record RunStep(
    int Index, string Name, string AgentId, string? ParallelGroup, string Status, Guid? TaskId = null,
    JsonElement? Result = null, string? ErrorMessage = null, long Version = 0, DateTimeOffset? CompletedAt = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<RunStep> steps) => JsonSerializer.Serialize(steps, Json);

    public static List<RunStep> Deserialize(string json) => JsonSerializer.Deserialize<List<RunStep>>(json, Json) ?? [];
}
