using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.IntegrationHub.Application;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.IntegrationHub.Endpoints.Integrations;

internal static class IntegrationEndpoints
{
    public static IEndpointRouteBuilder MapIntegrationEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/integrations").RequireAuthorization(Policies.Viewer).WithTags("Integrations");
        reads.MapGet("", ListAsync).WithName("ListIntegrations").WithSummary("A page of integrations by id, filtered by kind and active.")
            .ProducesProblems(StandardProblems.BadRequest);
        reads.MapGet("/{id:guid}", GetAsync).WithName("GetIntegration").WithSummary("One integration (never its secrets), with its version as ETag.")
            .ProducesProblems(StandardProblems.NotFound);

        var writes = routes.MapGroup("/integrations").RequireAuthorization(Policies.Operator).WithTags("Integrations");
        writes.MapPost("", CreateAsync).WithName("CreateIntegration")
            .WithSummary("Creates a webhook or http integration; a webhook's secret is in this answer only. Publishes IntegrationRegistered.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.Conflict);
        writes.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateIntegration")
            .WithSummary("Replaces an integration's definition (If-Match: its version, optional); publishes IntegrationUpdated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        writes.MapPost("/{id:guid}/secret", RotateSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("Replaces a webhook's signing secret; the new one is in this answer only. Publishes IntegrationUpdated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        writes.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteIntegration")
            .WithSummary("Removes an integration and its deliveries; publishes IntegrationRemoved.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    /// <summary>From PostgreSQL, so a write is seen by the next read.</summary>
    private static async Task<Ok<IntegrationListResponse>> ListAsync(
        [AsParameters] PageRequest page, string? kind, bool? active, IntegrationRepository integrations, CancellationToken cancellationToken)
    {
        var found = await integrations.PageAsync(kind, active, page, cancellationToken);
        return TypedResults.Ok(new IntegrationListResponse([.. found.Items.Select(IntegrationResponse.From)], found.Items.Count, found.Next));
    }

    private static async Task<Ok<IntegrationResponse>> GetAsync(
        Guid id, IntegrationRepository integrations, HttpResponse response, CancellationToken cancellationToken)
    {
        var integration = await integrations.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Integration.AggregateType, id.ToString());
        return EntityTags.Ok(response, integration.Version, IntegrationResponse.From(integration));
    }

    private static async Task<Created<IntegrationResponse>> CreateAsync(
        CreateIntegrationRequest body, IntegrationCommands commands, IPublishEndpoint events, HttpResponse response, CancellationToken cancellationToken)
    {
        var id = body.Id ?? Guid.CreateVersion7();
        var result = await commands.CreateAsync(
            id, body.Kind ?? "", body.ToDefinition(), new IntegrationSecrets(body.Secret, body.AuthHeaderValue), events, cancellationToken);
        if (result.Outcome == CommandOutcome.Unchanged)
        {
            throw new DataConflictException(Integration.AggregateType, id.ToString(), "already exists");
        }

        var integration = result.Require();
        EntityTags.Set(response, integration.Version);
        return TypedResults.Created($"/integrations/{id}", IntegrationResponse.From(integration) with { Secret = integration.Secret });
    }

    private static async Task<Ok<IntegrationResponse>> UpdateAsync(
        Guid id, UpdateIntegrationRequest body, IntegrationCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await commands.UpdateAsync(id, body.ToDefinition(), body.AuthHeaderValue, EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        var integration = result.Require();
        return EntityTags.Ok(http.Response, integration.Version, IntegrationResponse.From(integration));
    }

    private static async Task<Ok<IntegrationResponse>> RotateSecretAsync(
        Guid id, RotateSecretRequest? body, IntegrationCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var (integration, secret) = await commands.RotateSecretAsync(id, body?.Secret, EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        return EntityTags.Ok(http.Response, integration.Version, IntegrationResponse.From(integration) with { Secret = secret });
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, IntegrationCommands commands, IPublishEndpoint events, HttpRequest request, CancellationToken cancellationToken)
    {
        (await commands.DeleteAsync(id, EntityTags.ExpectedVersion(request), events, cancellationToken)).Require();
        return TypedResults.NoContent();
    }
}
