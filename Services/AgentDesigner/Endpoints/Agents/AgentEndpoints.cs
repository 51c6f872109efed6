using AgentLightning.AgentDesigner.Application;
using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

internal static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/agents").RequireAuthorization(Policies.Viewer).WithTags("Agents");
        reads.MapGet("", ListAsync).WithName("ListAgents").WithSummary("A page of agents, filtered by status, model, specialization and text in the name.")
            .ProducesProblems(StandardProblems.BadRequest);
        reads.MapGet("/{id}", GetAsync).WithName("GetAgent").WithSummary("One agent, with its version as ETag.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        reads.MapGet("/{id}/history", HistoryAsync).WithName("GetAgentHistory").WithSummary("A page of an agent's changes, oldest first; kept after its deletion.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);

        var writes = routes.MapGroup("/agents").RequireAuthorization(Policies.Operator).WithTags("Agents");
        writes.MapPost("", CreateAsync).WithName("CreateAgent").WithSummary("Creates an agent under the id the caller chose; publishes AgentCreated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.Conflict);
        writes.MapPut("/{id}", UpdateAsync).WithName("UpdateAgent").WithSummary("Replaces an agent's definition (If-Match: its version, optional); publishes AgentUpdated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        writes.MapPost("/{id}/status", ChangeStatusAsync).WithName("ChangeAgentStatus").WithSummary("Changes an agent's status; publishes AgentStatusChanged.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        writes.MapDelete("/{id}", DeleteAsync).WithName("DeleteAgent").WithSummary("Deletes an agent and its knowledge; publishes AgentDeleted.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    /// <summary>
    /// Paged and filtered in PostgreSQL, so the page is current: a write is seen by the next read. The page's metrics
    /// come from the cache in one round trip (never stale, like a single agent's).
    /// </summary>
    private static async Task<Ok<AgentListResponse>> ListAsync(
        [AsParameters] PageRequest page, string? status, string? model, string? specialization, string? q, AgentRepository agents,
        AgentMetricsRepository metrics, CancellationToken cancellationToken)
    {
        var found = await agents.PageAsync(new AgentListFilter(status, model, specialization, q), page, cancellationToken);
        var readings = await metrics.GetManyAsync([.. found.Items.Select(a => a.Id)], cancellationToken);
        return TypedResults.Ok(new AgentListResponse(
            [.. found.Items.Select(a => AgentResponse.From(a, readings[a.Id]))], found.Items.Count, found.Next));
    }

    /// <summary>The definition and its metrics (outside the ETag) from the cache, in one Redis round trip when both are cached.</summary>
    private static async Task<Ok<AgentResponse>> GetAsync(
        string id, AgentRepository agents, AgentMetricsRepository metrics, HttpResponse response, CancellationToken cancellationToken)
    {
        var (agent, reading) = await metrics.GetWithAgentAsync(agents, id, cancellationToken);
        return agent is null
            ? throw new EntityNotFoundException(Agent.AggregateType, id)
            : EntityTags.Ok(response, agent.Version, AgentResponse.From(agent, reading));
    }

    /// <summary>A deleted agent keeps its history; an id that never had one is 404 (a page past the last change is empty).</summary>
    private static async Task<Ok<AgentHistoryResponse>> HistoryAsync(
        string id, [AsParameters] PageRequest page, EventLogReader log, CancellationToken cancellationToken)
    {
        var events = await log.PageAsync(Agent.AggregateType, id, page, cancellationToken);
        return events.Items.Count == 0 && page.After is null
            ? throw new EntityNotFoundException(Agent.AggregateType, id)
            : TypedResults.Ok(new AgentHistoryResponse(id, [.. events.Items.Select(AgentHistoryEntry.From)], events.Items.Count, events.Next));
    }

    /// <summary>An existing id is 409 even with the same definition: over HTTP the caller reads it back to compare.</summary>
    private static async Task<Created<AgentResponse>> CreateAsync(
        CreateAgentRequest body, AgentCommands commands, IPublishEndpoint events, HttpResponse response, CancellationToken cancellationToken)
    {
        var id = body.Id ?? "";
        var result = await commands.CreateAsync(id, body.ToDefinition(), body.Status, events, cancellationToken);
        if (result.Outcome != CommandOutcome.Applied)
        {
            throw new DataConflictException(Agent.AggregateType, id, "already exists");
        }

        var agent = result.Value!;
        EntityTags.Set(response, agent.Version);
        return TypedResults.Created($"/agents/{agent.Id}", AgentResponse.From(agent));
    }

    private static async Task<Ok<AgentResponse>> UpdateAsync(
        string id, UpdateAgentRequest body, AgentCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await commands.UpdateAsync(id, body.ToDefinition(), EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        var agent = result.Require();
        return EntityTags.Ok(http.Response, agent.Version, AgentResponse.From(agent));
    }

    private static async Task<Ok<AgentResponse>> ChangeStatusAsync(
        string id, ChangeAgentStatusRequest body, AgentCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await commands.ChangeStatusAsync(id, body.Status, body.Reason, EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        var agent = result.Require();
        return EntityTags.Ok(http.Response, agent.Version, AgentResponse.From(agent));
    }

    private static async Task<NoContent> DeleteAsync(
        string id, AgentCommands commands, IPublishEndpoint events, HttpRequest request, CancellationToken cancellationToken)
    {
        (await commands.DeleteAsync(id, EntityTags.ExpectedVersion(request), events, cancellationToken)).Require();
        return TypedResults.NoContent();
    }
}
