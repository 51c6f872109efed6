using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

/// <summary>
/// The seed's on_task_completed: task ends count toward their agent's metrics, workflow runs make their steps' agents
/// busy until they end (each run on its own: the events' RunId, not the WorkflowId their runs share). Each message
/// is consumed in its transaction with its inbox row (a redelivery counts nothing), and each write is idempotent
/// and order-free (see <see cref="AgentMetricsRepository"/>).
/// </summary>
internal sealed class AgentMetricsConsumer(AgentMetricsRepository metrics) :
    IConsumer<TaskCompleted>, IConsumer<TaskFailed>,
    IConsumer<WorkflowStarted>, IConsumer<WorkflowCompleted>, IConsumer<WorkflowFailed>, IConsumer<WorkflowCancelled>
{
    public Task Consume(ConsumeContext<TaskCompleted> context) =>
        metrics.RecordTaskEndAsync(context.Message.TaskId, context.Message.AgentId, AgentTaskOutcome.Completed, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<TaskFailed> context) =>
        metrics.RecordTaskEndAsync(context.Message.TaskId, context.Message.AgentId, AgentTaskOutcome.Failed, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<WorkflowStarted> context) =>
        metrics.WorkflowStartedAsync(context.Message.RunId, context.Message.Steps.Select(s => s.AgentId), context.CancellationToken);

    public Task Consume(ConsumeContext<WorkflowCompleted> context) =>
        metrics.WorkflowEndedAsync(context.Message.RunId, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<WorkflowFailed> context) =>
        metrics.WorkflowEndedAsync(context.Message.RunId, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<WorkflowCancelled> context) =>
        metrics.WorkflowEndedAsync(context.Message.RunId, context.Message.OccurredAt, context.CancellationToken);
}
