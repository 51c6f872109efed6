using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.WorkflowEngine.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

/// <summary>Runs of a workflow: asked for here, run by the Transaction Coordinator's saga, shown from its events.</summary>
internal static class RunEndpoints
{
    private const string RunType = "workflow-run";

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/workflows/{id:guid}/runs", ListAsync).RequireAuthorization(Policies.Viewer).WithTags("Runs").WithName("ListRuns")
            .WithSummary("A page of a workflow's runs, oldest first; none for an unknown workflow.").ProducesProblems(StandardProblems.BadRequest);
        routes.MapGet("/workflows/{id:guid}/runs/{runId:guid}", GetAsync).RequireAuthorization(Policies.Viewer).WithTags("Runs").WithName("GetRun")
            .WithSummary("One run of a workflow, with the status of each step.").ProducesProblems(StandardProblems.NotFound);
        routes.MapPost("/workflows/{id:guid}/runs", StartAsync).RequireAuthorization(Policies.Operator).WithTags("Runs").WithName("StartRun")
            .WithSummary("Asks for a run of a workflow (202, pending): sends StartWorkflow to the Transaction Coordinator.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound);
        return routes;
    }

    /// <summary>202: the run is asked for; it stays pending until the saga reports it started.</summary>
    private static async Task<Accepted<RunResponse>> StartAsync(
        Guid id, RunRequest? body, RunCommands runs, HttpContext http, CancellationToken cancellationToken)
    {
        var run = await runs.StartAsync(id, body?.Context, http.User.Identity?.Name, cancellationToken);
        return TypedResults.Accepted($"/workflows/{id}/runs/{run.Id}", RunResponse.From(run));
    }

    /// <summary>Oldest first, keyset-paged on (created at, id); a workflow without runs (or unknown) lists none.</summary>
    private static async Task<Ok<RunListResponse>> ListAsync(
        Guid id, [AsParameters] PageRequest page, AgentLightningDbContext db, CancellationToken cancellationToken)
    {
        var runs = db.WorkflowRuns.AsNoTracking().Where(r => r.WorkflowId == id);
        if (page.AfterKeys is { } after)
        {
            var (createdAt, runId) = TimeCursor.Parse(after);
            runs = runs.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(createdAt, runId)));
        }

        var result = await runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToPageAsync(page, r => TimeCursor.Keys(r.CreatedAt, r.Id), cancellationToken);
        return TypedResults.Ok(new RunListResponse([.. result.Items.Select(RunResponse.From)], result.Items.Count, result.Next));
    }

    private static async Task<Ok<RunResponse>> GetAsync(Guid id, Guid runId, AgentLightningDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.WorkflowId == id, cancellationToken)
            ?? throw new EntityNotFoundException(RunType, runId.ToString());
        return TypedResults.Ok(RunResponse.From(run));
    }
}
