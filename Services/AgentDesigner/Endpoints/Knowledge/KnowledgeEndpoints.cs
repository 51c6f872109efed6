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

namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

internal static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder routes)
    {
        var ofAgent = routes.MapGroup("/agents/{agentId}/knowledge").WithTags("Knowledge");
        ofAgent.MapGet("", ListAsync).RequireAuthorization(Policies.Viewer)
            .WithName("ListKnowledge").WithSummary("The knowledge of an agent.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        ofAgent.MapPost("", AddAsync).RequireAuthorization(Policies.Operator)
            .WithName("AddKnowledge").WithSummary("Adds knowledge to an agent; publishes KnowledgeAdded.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);

        var items = routes.MapGroup("/knowledge/{id:guid}").WithTags("Knowledge");
        items.MapGet("", GetAsync).RequireAuthorization(Policies.Viewer)
            .WithName("GetKnowledge").WithSummary("One knowledge item, with its version as ETag.")
            .ProducesProblems(StandardProblems.NotFound);
        items.MapPut("", UpdateAsync).RequireAuthorization(Policies.Operator)
            .WithName("UpdateKnowledge").WithSummary("Replaces a knowledge item (If-Match: its version, optional); publishes KnowledgeUpdated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        items.MapDelete("", DeleteAsync).RequireAuthorization(Policies.Operator)
            .WithName("DeleteKnowledge").WithSummary("Deletes a knowledge item; publishes KnowledgeDeleted.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    /// <summary>Newest first; with <c>q</c>, the full-text search's hits, most relevant first (each hit bumps its usage).</summary>
    private static async Task<Ok<KnowledgeListResponse>> ListAsync(
        string agentId, [AsParameters] PageRequest page, string? q, AgentRepository agents, KnowledgeRepository knowledge,
        CancellationToken cancellationToken)
    {
        _ = await agents.GetAsync(agentId, cancellationToken) ?? throw new EntityNotFoundException(Agent.AggregateType, agentId);
        var found = string.IsNullOrWhiteSpace(q)
            ? (await knowledge.PageOfAgentAsync(agentId, page, cancellationToken)).Select(KnowledgeResponse.From)
            : (await knowledge.SearchAsync(agentId, q, page, cancellationToken)).Select(KnowledgeResponse.From);
        return TypedResults.Ok(new KnowledgeListResponse(agentId, found.Items, found.Items.Count, found.Next));
    }

    private static async Task<Created<KnowledgeResponse>> AddAsync(
        string agentId, AddKnowledgeRequest body, KnowledgeCommands commands, IPublishEndpoint events, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var id = body.Id ?? Guid.CreateVersion7();
        var result = await commands.AddAsync(id, agentId, body.ToDefinition(), events, cancellationToken);
        if (result.Outcome == CommandOutcome.Unchanged)
        {
            throw new DataConflictException(KnowledgeItem.AggregateType, id.ToString(), "already exists");
        }

        var item = result.Require();
        EntityTags.Set(response, item.Version);
        return TypedResults.Created($"/knowledge/{item.Id}", KnowledgeResponse.From(item));
    }

    private static async Task<Ok<KnowledgeResponse>> GetAsync(
        Guid id, KnowledgeRepository knowledge, HttpResponse response, CancellationToken cancellationToken)
    {
        var item = await knowledge.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(KnowledgeItem.AggregateType, id.ToString());

        // The cached item has the usage of its last version; searches bump it in PostgreSQL without a new version.
        var usage = await knowledge.UsageAsync(id, cancellationToken) ?? new KnowledgeUsage(item.UsageCount, item.LastUsedAt);
        return EntityTags.Ok(response, item.Version, KnowledgeResponse.From(item) with { UsageCount = usage.UsageCount, LastUsedAt = usage.LastUsedAt });
    }

    private static async Task<Ok<KnowledgeResponse>> UpdateAsync(
        Guid id, UpdateKnowledgeRequest body, KnowledgeCommands commands, IPublishEndpoint events, HttpContext http,
        CancellationToken cancellationToken)
    {
        var result = await commands.UpdateAsync(id, body.ToDefinition(), EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        var item = result.Require();
        return EntityTags.Ok(http.Response, item.Version, KnowledgeResponse.From(item));
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, KnowledgeCommands commands, IPublishEndpoint events, HttpRequest request, CancellationToken cancellationToken)
    {
        (await commands.DeleteAsync(id, EntityTags.ExpectedVersion(request), events, cancellationToken)).Require();
        return TypedResults.NoContent();
    }
}
