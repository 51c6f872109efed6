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

namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

internal static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder routes)
    {
        var reads = routes.MapGroup("/workflows").RequireAuthorization(Policies.Viewer).WithTags("Workflows");
        reads.MapGet("", ListAsync).WithName("ListWorkflows").WithSummary("A page of workflows, oldest first.")
            .ProducesProblems(StandardProblems.BadRequest);
        reads.MapGet("/{id:guid}", GetAsync).WithName("GetWorkflow").WithSummary("One workflow, with its version as ETag.")
            .ProducesProblems(StandardProblems.NotFound);

        var writes = routes.MapGroup("/workflows").RequireAuthorization(Policies.Operator).WithTags("Workflows");
        writes.MapPost("", CreateAsync).WithName("CreateWorkflow").WithSummary("Defines a workflow and its steps under a new id; publishes WorkflowDefined.")
            .ProducesProblems(StandardProblems.BadRequest);
        writes.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateWorkflow")
            .WithSummary("Replaces a workflow's definition (If-Match: its version, optional); publishes WorkflowUpdated.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        writes.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWorkflow")
            .WithSummary("Deletes a workflow (If-Match: its version, optional); publishes WorkflowDeleted.")
            .ProducesProblems(StandardProblems.BadRequest | StandardProblems.NotFound | StandardProblems.Conflict);
        return routes;
    }

    /// <summary>Ordered by id (NewId ids grow with time, so roughly oldest first), keyset-paged on it.</summary>
    private static async Task<Ok<WorkflowListResponse>> ListAsync(
        [AsParameters] PageRequest page, AgentLightningDbContext db, CancellationToken cancellationToken)
    {
        var workflows = db.Workflows.AsNoTracking();
        if (page.AfterId is { } id)
        {
            workflows = workflows.Where(w => EF.Functions.GreaterThan(ValueTuple.Create(w.Id), ValueTuple.Create(id)));
        }

        var result = await workflows.OrderBy(w => w.Id).ToPageAsync(page, w => [w.Id.ToString()], cancellationToken);
        return TypedResults.Ok(new WorkflowListResponse([.. result.Items.Select(WorkflowResponse.From)], result.Items.Count, result.Next));
    }

    private static async Task<Ok<WorkflowResponse>> GetAsync(Guid id, WorkflowRepository workflows, HttpResponse response, CancellationToken cancellationToken)
    {
        var workflow = await workflows.GetAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Workflow.AggregateType, id.ToString());
        return EntityTags.Ok(response, workflow.Version, WorkflowResponse.From(workflow));
    }

    private static async Task<Created<WorkflowResponse>> CreateAsync(
        WorkflowRequest body, WorkflowCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var workflow = await commands.CreateAsync(body.ToDefinition(), http.User.Identity?.Name, events, cancellationToken);
        EntityTags.Set(http.Response, workflow.Version);
        return TypedResults.Created($"/workflows/{workflow.Id}", WorkflowResponse.From(workflow));
    }

    private static async Task<Ok<WorkflowResponse>> UpdateAsync(
        Guid id, WorkflowRequest body, WorkflowCommands commands, IPublishEndpoint events, HttpContext http, CancellationToken cancellationToken)
    {
        var workflow = await commands.UpdateAsync(id, body.ToDefinition(), EntityTags.ExpectedVersion(http.Request), events, cancellationToken);
        return EntityTags.Ok(http.Response, workflow.Version, WorkflowResponse.From(workflow));
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, WorkflowCommands commands, IPublishEndpoint events, HttpRequest request, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(id, EntityTags.ExpectedVersion(request), events, cancellationToken);
        return TypedResults.NoContent();
    }
}
