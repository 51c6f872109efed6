using AgentLightning.Contracts.Workflows;
using AgentLightning.WorkflowEngine.Application;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>The saga's events about runs this service asked for, kept on the run's row (<see cref="RunProjection"/>).</summary>
internal sealed class WorkflowRunConsumer(RunProjection runs) :
    IConsumer<WorkflowStarted>, IConsumer<WorkflowStepCompleted>, IConsumer<WorkflowCompleted>, IConsumer<WorkflowFailed>, IConsumer<WorkflowCancelled>
{
    public Task Consume(ConsumeContext<WorkflowStarted> context) =>
        runs.RunAsync(context.Message.RunId, context.Message.Version, RunStatuses.Running, null, nameof(WorkflowStarted), context.CancellationToken);

    public Task Consume(ConsumeContext<WorkflowStepCompleted> context)
    {
        var e = context.Message;
        return runs.StepAsync(e.RunId, e.StepIndex, e.Version, step => step with
        {
            Status = RunStatuses.Completed,
            TaskId = e.TaskId,
            Result = e.Result,
            CompletedAt = e.OccurredAt,
        }, nameof(WorkflowStepCompleted), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<WorkflowCompleted> context) =>
        runs.RunAsync(context.Message.RunId, context.Message.Version, RunStatuses.Completed, null, nameof(WorkflowCompleted), context.CancellationToken);

    /// <summary>The failed step (when the saga names one) is marked too.</summary>
    public async Task Consume(ConsumeContext<WorkflowFailed> context)
    {
        var e = context.Message;
        if (e.StepIndex is { } index)
        {
            await runs.StepAsync(e.RunId, index, e.Version, step => step with
            {
                Status = RunStatuses.Failed,
                ErrorMessage = e.ErrorMessage,
                CompletedAt = e.OccurredAt,
            }, nameof(WorkflowFailed), context.CancellationToken);
        }

        await runs.RunAsync(e.RunId, e.Version, RunStatuses.Failed, e.ErrorMessage, nameof(WorkflowFailed), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<WorkflowCancelled> context) =>
        runs.RunAsync(context.Message.RunId, context.Message.Version, RunStatuses.Cancelled, context.Message.Reason, nameof(WorkflowCancelled), context.CancellationToken);
}
