using System.Security.Claims;
using AgentLightning.Auth.Application;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.Auth.Endpoints;

/// <summary>User management, admin only.</summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/users").RequireAuthorization(Policies.Admin).WithTags("Users");
        users.MapPost("", CreateAsync).WithName("CreateUser").WithSummary("Creates a user with a role; publishes UserRegistered.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.Conflict);
        users.MapGet("", ListAsync).WithName("ListUsers").WithSummary("A page of users.")
            .ProducesProblems(StandardProblems.BadRequest);
        users.MapGet("/{id:guid}", GetAsync).WithName("GetUser").WithSummary("One user.")
            .ProducesProblems(StandardProblems.NotFound);
        users.MapPut("/{id:guid}/role", ChangeRoleAsync).WithName("ChangeUserRole")
            .WithSummary("Changes a user's role (409 for the last active admin); publishes UserRoleChanged.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        users.MapPost("/{id:guid}/deactivate", DeactivateAsync).WithName("DeactivateUser")
            .WithSummary("Deactivates a user (409 for the last active admin); publishes UserDeactivated.")
            .ProducesProblems(StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    private static async Task<Created<UserResponse>> CreateAsync(
        CreateUserRequest body, UserCommands users, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(body.Username, body.Email, body.Password, body.Role, events, cancellationToken);
        return TypedResults.Created($"/users/{user.Id}", UserResponse.From(user));
    }

    private static async Task<Ok<UserListResponse>> ListAsync([AsParameters] PageRequest page, UserCommands users, CancellationToken cancellationToken)
    {
        var found = await users.ListAsync(page, cancellationToken);
        return TypedResults.Ok(new UserListResponse([.. found.Items.Select(UserResponse.From)], found.Items.Count, found.Next));
    }

    private static async Task<Ok<UserResponse>> GetAsync(Guid id, UserCommands users, CancellationToken cancellationToken) =>
        TypedResults.Ok(UserResponse.From(await users.GetAsync(id, cancellationToken)));

    private static async Task<Ok<UserResponse>> ChangeRoleAsync(
        Guid id, ChangeRoleRequest body, UserCommands users, IPublishEndpoint events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(UserResponse.From(await users.ChangeRoleAsync(id, body.Role, caller.UserId(), events, cancellationToken)));

    private static async Task<Ok<UserResponse>> DeactivateAsync(
        Guid id, UserCommands users, IPublishEndpoint events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(UserResponse.From(await users.DeactivateAsync(id, caller.UserId(), events, cancellationToken)));
}

internal sealed record CreateUserRequest(string? Username, string? Email, string? Password, string? Role);

internal sealed record ChangeRoleRequest(string? Role);

internal sealed record UserResponse(
    Guid Id, string Username, string Email, string Role, bool Active, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static UserResponse From(User u) => new(u.Id, u.UserName, u.Email, u.Role, u.Active, u.LockedUntil, u.CreatedAt, u.UpdatedAt, u.Version);
}

internal sealed record UserListResponse(IReadOnlyList<UserResponse> Users, int Count, string? Next);
