using AgentLightning.Contracts.Workflows;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>The saga's events about runs this service asked for, kept on the run's row (<see cref="RunProjection"/>).</summary>
internal sealed class WorkflowRunConsumer(RunProjection runs) :
    IConsumer<WorkflowStarted>, IConsumer<WorkflowStepCompleted>, IConsumer<WorkflowCompleted>, IConsumer<WorkflowFailed>, IConsumer<WorkflowCancelled>
{
    public Task Consume(ConsumeContext<WorkflowStarted> context) =>
        runs.ApplyAsync(context.Message.RunId, context.Message.Version, nameof(WorkflowStarted), run => run.Status(RunStatuses.Running), context.CancellationToken);

    public Task Consume(ConsumeContext<WorkflowStepCompleted> context)
    {
        var e = context.Message;
        return runs.ApplyAsync(e.RunId, e.Version, nameof(WorkflowStepCompleted), run => run.Step(e.StepIndex, step => step with
        {
            Status = RunStatuses.Completed,
            TaskId = e.TaskId,
            Result = e.Result,
            CompletedAt = e.OccurredAt,
        }), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<WorkflowCompleted> context) =>
        runs.ApplyAsync(context.Message.RunId, context.Message.Version, nameof(WorkflowCompleted), run => run.Status(RunStatuses.Completed), context.CancellationToken);

    /// <summary>The failed step (when the saga names one) is marked too.</summary>
    public Task Consume(ConsumeContext<WorkflowFailed> context)
    {
        var e = context.Message;
        return runs.ApplyAsync(e.RunId, e.Version, nameof(WorkflowFailed), run =>
        {
            if (e.StepIndex is { } index)
            {
                run.Step(index, step => step with { Status = RunStatuses.Failed, ErrorMessage = e.ErrorMessage, CompletedAt = e.OccurredAt });
            }

            run.Status(RunStatuses.Failed, e.ErrorMessage);
        }, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<WorkflowCancelled> context) =>
        runs.ApplyAsync(context.Message.RunId, context.Message.Version, nameof(WorkflowCancelled), run => run.Status(RunStatuses.Cancelled, context.Message.Reason), context.CancellationToken);
}
