using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>
/// Any command of the platform, from any service: listed with its owner and schema, sent to its owner through
/// the request's outbox, and followed to its outcome.
/// </summary>
public static class CommandEndpoints
{
    public const string Path = "/commands";

    /// <summary>Fixed by the deployed Contracts assembly, so generated once.</summary>
    private static readonly Lazy<CommandListResponse> Catalog = new(() =>
    {
        var all = CommandCatalog.ByName.Values
            .Select(t => new CommandDescription(t.Name, CommandRouting.OwnerOf(t), CommandJson.SchemaOf(t)))
            .ToList();
        return new CommandListResponse(all, all.Count);
    });

    public static IEndpointRouteBuilder MapCommandEndpoints(this IEndpointRouteBuilder routes)
    {
        var commands = routes.MapGroup(Path).WithTags("Commands");
        commands.MapGet("", List).RequireAuthorization(Policies.Viewer)
            .WithName("ListCommands").WithSummary("Every command contract with its owner and the JSON Schema of its body.")
            .ProducesProblems();
        commands.MapPost("/{messageType}", SendAsync).RequireAuthorization(Policies.Operator)
            .WithName("SendCommand").WithSummary("Validates the body against the contract and sends it to its owner through the outbox.")
            .Accepts<JsonObject>("application/json")
            .ProducesProblems(StandardProblems.BadRequest);
        commands.MapGet("/{messageType}/{messageId:guid}", OutcomeAsync).RequireAuthorization(Policies.Viewer)
            .WithName("GetCommandOutcome").WithSummary("Whether the command waits in the outbox, was consumed, applied (with its events) or rejected; 404 for an id not sent as this type.")
            .ProducesProblems(StandardProblems.NotFound);
        return routes;
    }

    private static Ok<CommandListResponse> List() => TypedResults.Ok(Catalog.Value);

    /// <summary>Reads the body itself: every field's error is reported at once, in the contract's own terms.</summary>
    private static async Task<Results<Accepted<CommandAccepted>, ValidationProblem>> SendAsync(
        string messageType, HttpRequest request, ICommandSender sender, AgentLightningDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (CommandCatalog.Find(messageType) is not { } type)
        {
            errors[nameof(messageType)] = [$"'{messageType}' is not a command; GET {Path} lists them."];
            return TypedResults.ValidationProblem(errors);
        }

        var body = await ParseAsync(request, errors, cancellationToken);
        var command = errors.Count == 0 ? CommandJson.Read(type, body, errors) : null;
        if (command is null)
        {
            return TypedResults.ValidationProblem(errors, detail: $"The body is not a valid {type.Name}.");
        }

        var messageId = await sender.Send(command, type, cancellationToken);
        db.Add(new SentCommand { MessageId = messageId, MessageType = type.Name, SentAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        var outcome = $"{Path}/{type.Name}/{messageId}";
        return TypedResults.Accepted(outcome, new CommandAccepted(messageId, type.Name, CommandRouting.OwnerOf(type), outcome));
    }

    private static async Task<Ok<CommandOutcome>> OutcomeAsync(
        string messageType, Guid messageId, IDbContextFactory<AgentLightningDbContext> contexts, CancellationToken cancellationToken)
    {
        var type = CommandCatalog.Find(messageType) ?? throw new EntityNotFoundException("command", messageType);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await CommandOutcomeReader.ReadAsync(db, type, messageId, cancellationToken));
    }

    private static async Task<JsonNode?> ParseAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            errors["$"] = [$"The body is not JSON: {e.Message}"];
            return null;
        }
    }
}
