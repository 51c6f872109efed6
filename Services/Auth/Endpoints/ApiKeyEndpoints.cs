using System.Security.Claims;
using AgentLightning.Auth.Application;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.Auth.Endpoints;

/// <summary>API key management, admin only. The secret is in the create response and nowhere else.</summary>
internal static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/auth/api-keys").RequireAuthorization(Policies.Admin).WithTags("API keys");
        keys.MapPost("", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Creates an API key with a role and an expiry; its secret is in this response only.")
            .ProducesProblems(StandardProblems.BadRequest);
        keys.MapGet("", ListAsync).WithName("ListApiKeys").WithSummary("A page of API keys, newest first, without their secrets.")
            .ProducesProblems(StandardProblems.BadRequest);
        keys.MapPost("/{id:guid}/secret", PickUpSecretAsync).WithName("PickUpAgentApiKey")
            .WithSummary("The whole key of an agent's API key (issued by agent provisioning), once: the secret is erased by this call.")
            .ProducesProblems(StandardProblems.NotFound | StandardProblems.Conflict);
        keys.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revokes an API key; every service refuses it from the next request. Revoking it again changes nothing.")
            .ProducesProblems(StandardProblems.NotFound);
        return routes;
    }

    private static async Task<Created<CreatedApiKeyResponse>> CreateAsync(
        CreateApiKeyRequest body, ApiKeyCommands keys, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (key, secret) = await keys.CreateAsync(body.Name, body.Role, body.ExpiresAt, caller.UserId(), cancellationToken);
        return TypedResults.Created($"/auth/api-keys/{key.Id}", new CreatedApiKeyResponse(key.Id, key.Name, key.Role, key.CreatedAt, key.ExpiresAt, secret));
    }

    private static async Task<Ok<ApiKeyListResponse>> ListAsync([AsParameters] PageRequest page, ApiKeyCommands keys, CancellationToken cancellationToken)
    {
        var found = await keys.ListAsync(page, cancellationToken);
        return TypedResults.Ok(new ApiKeyListResponse([.. found.Items.Select(ApiKeyResponse.From)], found.Items.Count, found.Next));
    }

    private static async Task<Ok<AgentApiKeySecretResponse>> PickUpSecretAsync(Guid id, AgentKeyCommands keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AgentApiKeySecretResponse(id, await keys.PickUpSecretAsync(id, cancellationToken)));

    private static async Task<NoContent> RevokeAsync(Guid id, ApiKeyCommands keys, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}

internal sealed record CreateApiKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

internal sealed record CreatedApiKeyResponse(Guid Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Key);

internal sealed record AgentApiKeySecretResponse(Guid Id, string Key);

internal sealed record ApiKeyResponse(Guid Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey k) => new(k.Id, k.Name, k.Role, k.CreatedAt, k.ExpiresAt, k.RevokedAt);
}

internal sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> ApiKeys, int Count, string? Next);
