using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>What a caller gives a new task; the service chooses everything else.</summary>
internal sealed record TaskDefinition(string AgentId, string Description, int Priority, JsonElement? Context, Guid? WorkflowId = null, Guid? RunId = null)
{
    public const int MaxDescriptionLength = 10_000;
    public const int MaxPriority = 1_000;

    public void Validate()
    {
        Fields.AgentId(AgentId, "agentId");
        Fields.Required(Description, "description", MaxDescriptionLength);
        Fields.Range(Priority, -MaxPriority, MaxPriority, "priority");
        Fields.JsonObject(Context, "context");
    }

    public AgentTask ToTask(Guid id) => new()
    {
        Id = id,
        AgentId = AgentId,
        Description = Description,
        Priority = Priority,
        Context = Fields.JsonObject(Context, "context"),
        WorkflowId = WorkflowId,
        RunId = RunId,
    };

    /// <summary>jsonb normalises the stored text, so contexts compare as JSON.</summary>
    public bool Matches(AgentTask task) =>
        task.AgentId == AgentId && task.Description == Description && task.Priority == Priority && task.WorkflowId == WorkflowId && task.RunId == RunId
        && JsonElement.DeepEquals(Fields.ToElement(task.Context), Fields.ToElement(Fields.JsonObject(Context, "context")));
}
