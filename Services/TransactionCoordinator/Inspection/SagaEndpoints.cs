using System.Globalization;
using System.Security.Claims;
using System.Xml;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>The saga inspection API (operator role): lists, one saga with its history, the machines, and two audited actions.</summary>
internal static class SagaEndpoints
{
    public static IEndpointRouteBuilder MapSagaEndpoints(this IEndpointRouteBuilder routes)
    {
        var sagas = routes.MapGroup("/sagas").RequireAuthorization(Policies.Operator).WithTags("Sagas");
        sagas.MapGet("", ListAsync).WithName("ListSagas")
            .WithSummary("A page of sagas, least recently moved first: by type, state and outcome (how a finished saga ended); olderThan (a duration) lists the stuck ones, unfinished and not moved for that long.")
            .ProducesProblems(StandardProblems.BadRequest);
        sagas.MapGet("/types", TypesAsync).WithName("ListSagaTypes")
            .WithSummary("Each state machine with its states, events and transitions from its definition, its instances per state and its finished ones per outcome.")
            .ProducesProblems();
        sagas.MapGet("/{correlationId}", GetAsync).WithName("GetSaga")
            .WithSummary("One saga: state and data, a page of its transitions and of the messages it consumed with those each caused, the messages of its conversation still held, its dead letters, rejections and actions.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        sagas.MapPost("/{correlationId}/cancel", CancelAsync).WithName("CancelSaga")
            .WithSummary("Sends the machine's cancel command (it compensates); audited. 409 when the saga finished or its type has no cancel command.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        sagas.MapPost("/{correlationId}/timeouts/redeliver", RedeliverAsync).WithName("RedeliverSagaTimeout")
            .WithSummary("Makes the saga's pending timeouts due now; audited. 404 when it has none.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        return routes;
    }

    private static async Task<Ok<SagaListResponse>> ListAsync(
        [AsParameters] PageRequest page, string? type, string? state, string? outcome, string? olderThan, DateTimeOffset? updatedBefore,
        SagaRegistry sagas, NpgsqlDataSource data, TimeProvider clock, CancellationToken cancellationToken)
    {
        var types = sagas.Select(type);
        if (state is not null && !types.Any(t => t.Shape.States.Contains(state)))
        {
            throw new ArgumentException($"'{state}' is not a state of {string.Join(" or ", types.Select(t => t.Name))}.", nameof(state));
        }

        if (outcome is not null && !types.Any(t => t.Outcomes.Contains(outcome)))
        {
            var outcomes = types.SelectMany(t => t.Outcomes).Distinct().ToList();
            throw new ArgumentException(
                $"'{outcome}' is not an outcome of {string.Join(" or ", types.Select(t => t.Name))}; "
                + (outcomes.Count == 0 ? "none declares one." : $"the outcomes are {string.Join(", ", outcomes)}."),
                nameof(outcome));
        }

        var stuckFor = olderThan is null ? (TimeSpan?)null : Duration(olderThan);
        var cutoffs = new[] { updatedBefore?.UtcDateTime, clock.GetUtcNow().UtcDateTime - stuckFor }.OfType<DateTime>();
        var filter = new SagaListFilter(types, state, stuckFor is not null, cutoffs.Any() ? cutoffs.Min() : null, outcome);
        var found = await SagaListQuery.PageAsync(data, filter, page, cancellationToken);
        return TypedResults.Ok(new SagaListResponse(found.Items, found.Items.Count, found.Next));
    }

    private static async Task<Ok<SagaTypeListResponse>> TypesAsync(SagaRegistry sagas, NpgsqlDataSource data, CancellationToken cancellationToken) =>
        TypedResults.Ok(await SagaTypesQuery.ReadAsync(data, sagas, cancellationToken));

    private static async Task<Ok<SagaDetailResponse>> GetAsync(
        Guid correlationId, [AsParameters] PageRequest page, SagaDetailReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ReadAsync(correlationId, page, cancellationToken));

    private static async Task<Accepted<SagaActionResponse>> CancelAsync(
        Guid correlationId, CancelSagaRequest? body, SagaOperatorActions actions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var done = await actions.CancelAsync(correlationId, body?.Reason, user.ActorName(), cancellationToken);
        return TypedResults.Accepted(done.Outcome, done);
    }

    private static async Task<Accepted<SagaActionResponse>> RedeliverAsync(
        Guid correlationId, SagaOperatorActions actions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var done = await actions.RedeliverTimeoutAsync(correlationId, user.ActorName(), cancellationToken);
        return TypedResults.Accepted($"/sagas/{correlationId}", done);
    }

    /// <summary>"00:30:00" or ISO 8601 ("PT30M"); <see cref="FormatException"/> (400) otherwise, or for a negative one.</summary>
    private static TimeSpan Duration(string text)
    {
        try
        {
            var duration = text.StartsWith('P') ? XmlConvert.ToTimeSpan(text) : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
            return duration >= TimeSpan.Zero ? duration : throw new FormatException("olderThan must not be negative.");
        }
        catch (OverflowException e)
        {
            throw new FormatException($"olderThan '{text}' is out of range.", e);
        }
    }
}

/// <summary>The seed's list shape: <c>{ "sagas": [...], "count": n, "next": cursor }</c>.</summary>
internal sealed record SagaListResponse(IReadOnlyList<SagaSummary> Sagas, int Count, string? Next);

/// <summary>Why, for the audit and the cancel command (the machine's command decides whether it carries it).</summary>
internal sealed record CancelSagaRequest(string? Reason);
