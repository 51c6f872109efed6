using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace AgentLightning.Hosting.Tests;

/// <summary>Endpoints a service would add after its defaults: one per policy, one that throws what it is told, one that reads the database.</summary>
internal static class TestEndpoints
{
    public const string SecretMessage = "connection to 10.1.2.3 failed at Internal.Secret.Method()";

    public static WebApplication MapTestEndpoints(this WebApplication app)
    {
        app.MapGet("/protected", () => "ok");
        app.MapGet("/viewer", () => "ok").RequireAuthorization(Policies.Viewer);
        app.MapGet("/operator", () => "ok").RequireAuthorization(Policies.Operator);
        app.MapGet("/admin", () => "ok").RequireAuthorization(Policies.Admin);
        app.MapPost("/echo", (Payload payload) => payload);
        app.MapGet("/throw/{kind}", (string kind) => Throw(kind));
        app.MapGet("/database", (AgentLightningDbContext db, CancellationToken cancellationToken) => db.ApiKeys.CountAsync(cancellationToken))
            .RequireAuthorization(Policies.Viewer);
        return app;
    }

    private static string Throw(string kind) => kind switch
    {
        "not-found" => throw new EntityNotFoundException("Agent", "a-1"),
        "conflict" => throw new DataConflictException("Agent", "a-1", "changed since it was read"),
        "bad-request" => throw new BadHttpRequestException("bad request"),
        "json" => throw new JsonException("bad json"),
        "format" => throw new FormatException("bad format"),
        "argument" => throw new ArgumentException("bad argument"),
        "validation" => throw new ValidationException("bad value"),
        "redis-connection" => throw new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "Redis went away", null, CommandStatus.Sent),
        "redis-timeout" => throw new RedisTimeoutException(CommandFlags.None, "Redis too slow", CommandStatus.Sent),
        "redis-wrapped" => throw new AggregateException(new RedisTimeoutException(CommandFlags.None, "Redis too slow", CommandStatus.Sent)),
        "pipeline-timeout" => throw new TimeoutRejectedException(),
        "breaker-open" => throw new BrokenCircuitException(),
        "cancelled-inside" => throw new OperationCanceledException(),
        _ => throw new InvalidOperationException(SecretMessage),
    };

    internal sealed record Payload(string Name);
}
