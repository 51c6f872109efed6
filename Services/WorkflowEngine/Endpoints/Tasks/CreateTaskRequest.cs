using System.Text.Json;
using AgentLightning.WorkflowEngine.Application;

namespace AgentLightning.WorkflowEngine.Endpoints.Tasks;

/// <summary>Everything optional here so that a missing field is reported by name rather than as a JSON error.</summary>
internal sealed record CreateTaskRequest(string? AgentId, string? Description, int? Priority, JsonElement? Context)
{
    public TaskDefinition ToDefinition() => new(AgentId ?? "", Description ?? "", Priority ?? 0, Context);
}
