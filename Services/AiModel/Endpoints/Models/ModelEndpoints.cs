using AgentLightning.AiModel.Application;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.AiModel.Endpoints.Models;

internal static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/models").RequireAuthorization(Policies.Viewer).WithTags("Models");
        reads.MapGet("", ListAsync).WithName("ListModels").WithSummary("A page of registered models.")
            .ProducesProblems(StandardProblems.BadRequest);
        reads.MapGet("/{name}", GetAsync).WithName("GetModel").WithSummary("One registered model.")
            .ProducesProblems(StandardProblems.NotFound);
        reads.MapGet("/{name}/agents", AgentsAsync).WithName("ListModelAgents")
            .WithSummary("A page of the agents that use a model, registered or not (an empty page if none).")
            .ProducesProblems(StandardProblems.BadRequest);

        var writes = routes.MapGroup("/models").RequireAuthorization(Policies.Operator).WithTags("Models");
        writes.MapPost("", CreateAsync).WithName("CreateModel").WithSummary("Registers a model under its name (409 if taken); publishes ModelCreated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.Conflict);
        writes.MapPut("/{name}", UpdateAsync).WithName("UpdateModel").WithSummary("Replaces a model's definition; its name cannot change. Publishes ModelUpdated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        writes.MapDelete("/{name}", DeleteAsync).WithName("DeleteModel").WithSummary("Deletes a registered model; publishes ModelDeleted.")
            .ProducesProblems(StandardProblems.NotFound);
        return routes;
    }

    private static async Task<Ok<ModelListResponse>> ListAsync([AsParameters] PageRequest page, ModelRepository models, CancellationToken cancellationToken)
    {
        var found = await models.ListPageAsync(page, cancellationToken);
        return TypedResults.Ok(new ModelListResponse([.. found.Items.Select(ModelResponse.From)], found.Items.Count, found.Next));
    }

    private static async Task<Ok<ModelResponse>> GetAsync(string name, ModelRepository models, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(name, cancellationToken) ?? throw new EntityNotFoundException(RegisteredModel.AggregateType, name);
        return TypedResults.Ok(ModelResponse.From(model));
    }

    /// <summary>
    /// Agents name their model freely, so the list answers for any name, registered here or not (an empty page
    /// for a name no agent uses). Read from PostgreSQL through the shared repository: a change of an agent's
    /// model committed on Agent Designer shows in the next request.
    /// </summary>
    private static async Task<Ok<ModelAgentsResponse>> AgentsAsync(
        string name, [AsParameters] PageRequest page, AgentRepository agents, CancellationToken cancellationToken)
    {
        var found = await agents.ListByModelAsync(name, page, cancellationToken);
        return TypedResults.Ok(new ModelAgentsResponse(name, [.. found.Items.Select(ModelAgent.From)], found.Items.Count, found.Next));
    }

    private static async Task<Created<ModelResponse>> CreateAsync(
        ModelRequest body, ModelCommands commands, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var model = await commands.CreateAsync(body.Name, body.ToDefinition(), events, cancellationToken);
        return TypedResults.Created($"/models/{model.Name}", ModelResponse.From(model));
    }

    private static async Task<Ok<ModelResponse>> UpdateAsync(
        string name, ModelRequest body, ModelCommands commands, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        if (body.Name is not null && body.Name != name)
        {
            throw new ArgumentException("'name' cannot change: it is the model's key (create a new model instead).", "name");
        }

        var model = await commands.UpdateAsync(name, body.ToDefinition(), null, events, cancellationToken);
        return TypedResults.Ok(ModelResponse.From(model));
    }

    private static async Task<NoContent> DeleteAsync(string name, ModelCommands commands, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(name, null, events, cancellationToken);
        return TypedResults.NoContent();
    }
}
