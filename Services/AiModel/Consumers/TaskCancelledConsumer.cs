using AgentLightning.AiModel.Execution;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;

namespace AgentLightning.AiModel.Consumers;

/// <summary>
/// A cancelled task leaves the queue: waiting, it never starts; running here, it stops now; running on another
/// instance, that instance stops it at its next lease renewal (it finds the row gone); not yet arrived, its
/// ExecuteTask queues nothing when it comes (see <see cref="ExecutionQueue.CancelAsync"/>). Nothing is reported back:
/// Workflow Engine already recorded the cancellation.
/// </summary>
internal sealed class TaskCancelledConsumer(AgentLightningDbContext db, ExecutionRunner runner) : IConsumer<TaskCancelled>
{
    public async Task Consume(ConsumeContext<TaskCancelled> context)
    {
        var id = context.Message.TaskId;
        await ExecutionQueue.CancelAsync(db, id, context.Message.AgentId, context.CancellationToken);
        db.Callbacks.AfterCommit(() =>
        {
            runner.Cancel(id);
            return Task.CompletedTask;
        });
    }
}
