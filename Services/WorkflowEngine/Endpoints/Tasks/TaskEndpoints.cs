using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.WorkflowEngine.Endpoints.Tasks;

internal static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/tasks").RequireAuthorization(Policies.Viewer).WithTags("Tasks");
        reads.MapGet("", ListAsync).WithName("ListTasks").WithSummary("A page of tasks, oldest first, filtered by agent and status.")
            .ProducesProblems(StandardProblems.BadRequest);
        reads.MapGet("/{id:guid}", GetAsync).WithName("GetTask").WithSummary("One task, with its version as ETag.")
            .ProducesProblems(StandardProblems.NotFound);

        var writes = routes.MapGroup("/tasks").RequireAuthorization(Policies.Operator).WithTags("Tasks");
        writes.MapPost("", CreateAsync).WithName("CreateTask")
            .WithSummary("Creates a task for an active agent (400 if unknown or not active); publishes TaskCreated and sends ExecuteTask to AI Model.")
            .ProducesProblems(StandardProblems.BadRequest);
        writes.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelTask")
            .WithSummary("Cancels a task (409 once finished; If-Match optional); publishes TaskCancelled.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    /// <summary>Oldest first, keyset-paged on (created at, id).</summary>
    private static async Task<Ok<TaskListResponse>> ListAsync(
        [AsParameters] TaskQuery query, [AsParameters] PageRequest page, AgentLightningDbContext db, CancellationToken cancellationToken)
    {
        query.Validate();
        var tasks = db.Tasks.AsNoTracking();
        if (query.AgentId is not null)
        {
            tasks = tasks.Where(t => t.AgentId == query.AgentId);
        }

        if (query.Status is not null)
        {
            tasks = tasks.Where(t => t.Status == query.Status);
        }

        if (page.AfterKeys is { } after)
        {
            var (createdAt, id) = TimeCursor.Parse(after);
            tasks = tasks.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(createdAt, id)));
        }

        var result = await tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToPageAsync(page,
            t => TimeCursor.Keys(t.CreatedAt, t.Id), cancellationToken);
        return TypedResults.Ok(new TaskListResponse([.. result.Items.Select(TaskResponse.From)], result.Items.Count, result.Next));
    }

    private static async Task<Ok<TaskResponse>> GetAsync(Guid id, TaskRepository tasks, HttpResponse response, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(AgentTask.AggregateType, id.ToString());
        return EntityTags.Ok(response, task.Version, TaskResponse.From(task));
    }

    /// <summary>An unknown or inactive agent is bad input here (400), not a missing resource.</summary>
    private static async Task<Created<TaskResponse>> CreateAsync(
        CreateTaskRequest body, TaskCommands commands, IPublishEndpoint events, HttpResponse response, CancellationToken cancellationToken)
    {
        var result = await commands.CreateAsync(NewId.NextGuid(), body.ToDefinition(), events, cancellationToken);
        if (result.Outcome is CommandOutcome.NotFound or CommandOutcome.Conflict)
        {
            throw new ArgumentException(
                result.Reason ?? $"agent '{result.EntityId}' does not exist", "agentId");
        }

        var task = result.Value!;
        EntityTags.Set(response, task.Version);
        return TypedResults.Created($"/tasks/{task.Id}", TaskResponse.From(task));
    }

    /// <summary>Cancelling a cancelled task is 200 (the same outcome); a finished one is 409.</summary>
    private static async Task<Ok<TaskResponse>> CancelAsync(
        Guid id, CancelTaskRequest? body, TaskCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await commands.CancelAsync(id, body?.Reason, EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        var task = result.Require();
        return EntityTags.Ok(http.Response, task.Version, TaskResponse.From(task));
    }
}
