using AgentLightning.AiModel.Execution;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.AiModel.Consumers;

/// <summary>
/// Accepts a task into the durable queue in the consumer's transaction (with its inbox mark), so a redelivered
/// ExecuteTask queues nothing twice. A task whose model is not registered fails at once, saying so.
/// </summary>
internal sealed class ExecuteTaskConsumer(ModelRepository models, AgentLightningDbContext db, ICommandSender commands, ExecutionSignal signal)
    : IConsumer<ExecuteTask>
{
    public async Task Consume(ConsumeContext<ExecuteTask> context)
    {
        var task = context.Message;
        if (string.IsNullOrEmpty(task.Model) || await models.GetAsync(task.Model, context.CancellationToken) is null)
        {
            await commands.Send(new FailTask { TaskId = task.TaskId, ErrorMessage = ExecutionReasons.ModelMissing(task.Model ?? "") }, context.CancellationToken);
            return;
        }

        await ExecutionQueue.EnqueueAsync(db, task with { Description = task.Description ?? "" }, context.CancellationToken);
        db.Callbacks.AfterCommit(() =>
        {
            signal.Ring();
            return Task.CompletedTask;
        });
    }
}
