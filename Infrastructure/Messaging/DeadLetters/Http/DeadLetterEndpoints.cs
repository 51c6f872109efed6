using System.Security.Claims;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RabbitMQ.Client.Exceptions;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters.Http;

/// <summary>
/// The dead letters of the whole platform (one shared store), from any service: list, read, retry, edit and retry,
/// archive. Reads need the viewer role, actions the operator role; every action is audited under the caller's name.
/// </summary>
public static class DeadLetterEndpoints
{
    public const string Path = "/dead-letters";

    private static readonly Func<DeadLetter, DeadLetterSummary> Summarize = DeadLetterListing.Summary.Compile();

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        var letters = routes.MapGroup(Path).WithTags("Dead letters");
        letters.MapGet("", ListAsync).RequireAuthorization(Policies.Viewer).WithName("ListDeadLetters")
            .WithSummary("A page of dead letters, newest failure first, by service, queue, message type, reason and status.")
            .ProducesProblems(StandardProblems.BadRequest);
        letters.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Viewer).WithName("GetDeadLetter")
            .WithSummary("One dead letter: body, headers, why it failed, and its audit trail.")
            .ProducesProblems(StandardProblems.NotFound);
        letters.MapPost("/{id:guid}/retry", RetryAsync).RequireAuthorization(Policies.Operator).WithName("RetryDeadLetter")
            .WithSummary("Sends a pending letter back to its queue (same MessageId); with a body { message }, the corrected message instead, checked against its contract. Audited; 409 unless pending.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        letters.MapPost("/{id:guid}/archive", ArchiveAsync).RequireAuthorization(Policies.Operator).WithName("ArchiveDeadLetter")
            .WithSummary("Puts a pending or replayed letter aside for good. Audited; 409 when already archived.")
            .ProducesProblems(StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    private static async Task<Ok<DeadLetterListResponse>> ListAsync(
        [AsParameters] DeadLetterQuery query, [AsParameters] PageRequest page, IDeadLetterReplayer letters, CancellationToken cancellationToken)
    {
        var found = await letters.ListAsync(query.ToFilter(), page, cancellationToken);
        return TypedResults.Ok(new DeadLetterListResponse(found.Items, found.Items.Count, found.Next));
    }

    private static async Task<Ok<DeadLetterResponse>> GetAsync(Guid id, IDeadLetterReplayer letters, CancellationToken cancellationToken) =>
        TypedResults.Ok(DeadLetterResponse.From(await FindAsync(letters, id, cancellationToken)));

    private static async Task<Results<Ok<DeadLetterSummary>, ValidationProblem>> RetryAsync(
        Guid id, DeadLetterEdit? edit, IDeadLetterReplayer letters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (edit is null)
        {
            return TypedResults.Ok(Summarize(await ReplayAsync(id, () => letters.RetryAsync(id, user.ActorName(), cancellationToken))));
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var body = EditedEnvelope.Replace((await FindAsync(letters, id, cancellationToken)).Letter, edit.Message, errors);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "The corrected message does not pass its contract.");
        }

        return TypedResults.Ok(Summarize(await ReplayAsync(id, () => letters.RetryEditedAsync(id, body, user.ActorName(), cancellationToken))));
    }

    private static async Task<Ok<DeadLetterSummary>> ArchiveAsync(
        Guid id, IDeadLetterReplayer letters, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(Summarize(await letters.ArchiveAsync(id, user.ActorName(), cancellationToken)));

    private static async Task<DeadLetterDetails> FindAsync(IDeadLetterReplayer letters, Guid id, CancellationToken cancellationToken) =>
        await letters.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException("DeadLetter", id.ToString());

    /// <summary>
    /// The broker refusing the replay (its queue or exchange gone, nothing bound) is the letter's destination at odds with
    /// the action, not a fault of the service: 409, and the letter stays pending (the replayer changed nothing).
    /// </summary>
    private static async Task<DeadLetter> ReplayAsync(Guid id, Func<Task<DeadLetter>> replay)
    {
        try
        {
            return await replay();
        }
        catch (Exception e) when (e is PublishException or OperationInterruptedException)
        {
            throw new DataConflictException("DeadLetter", id.ToString(), $"the broker refused the replay, the letter stays pending: {e.Message}", e);
        }
    }
}
