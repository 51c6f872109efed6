using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Validation;
using Microsoft.AspNetCore.Mvc;

namespace AgentLightning.WorkflowEngine.Endpoints.Tasks;

/// <summary>The filters of <c>GET /tasks</c>, bound with <c>[AsParameters]</c>; both optional.</summary>
internal sealed class TaskQuery
{
    [FromQuery(Name = "agentId")]
    public string? AgentId { get; init; }

    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    public void Validate()
    {
        if (AgentId is not null)
        {
            Fields.AgentId(AgentId, "agentId");
        }

        if (Status is not null)
        {
            Fields.OneOf(Status, TaskStatuses.All, "status");
        }
    }
}
