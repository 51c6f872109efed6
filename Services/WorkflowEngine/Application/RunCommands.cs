using System.Text.Json;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Validation;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// Asks for a run: the run's row (pending, its steps pending) and the StartWorkflow command to the Transaction
/// Coordinator commit together (the request's bus outbox), so neither exists without the other. The run id is
/// the saga's correlation id. Nothing here moves the run on: only the saga's events do.
/// </summary>
internal sealed class RunCommands(WorkflowRepository workflows, AgentLightningDbContext db, ICommandSender commands, TimeProvider clock)
{
    public async Task<WorkflowRun> StartAsync(Guid workflowId, JsonElement? context, string? startedBy, CancellationToken cancellationToken)
    {
        var runContext = Fields.JsonObject(context, "context");
        var workflow = await workflows.GetAsync(workflowId, cancellationToken)
            ?? throw new EntityNotFoundException(Workflow.AggregateType, workflowId.ToString());
        var steps = WorkflowDefinition.StepsOf(workflow);
        var now = clock.GetUtcNow();
        var run = new WorkflowRun
        {
            Id = NewId.NextGuid(),
            WorkflowId = workflow.Id,
            WorkflowVersion = workflow.Version,
            Status = RunStatuses.Pending,
            Steps = RunStep.Serialize([.. steps.Select((s, i) => new RunStep(i, s.Name!, s.AgentId!, s.ParallelGroup, RunStatuses.Pending))]),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WorkflowRuns.Add(run);
        await commands.Send(new StartWorkflow
        {
            RunId = run.Id,
            WorkflowId = workflow.Id,
            Name = workflow.Name,
            Description = workflow.Description,
            Steps = [.. steps.Select(s => s.ToContract())],
            CreatedBy = startedBy,
            Context = Fields.ToElement(runContext),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }
}
