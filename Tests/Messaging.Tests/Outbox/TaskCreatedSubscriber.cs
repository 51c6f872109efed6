using AgentLightning.Contracts.Tasks;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class TaskCreatedSubscriber(ConsumedLog log) : IConsumer<TaskCreated>
{
    public Task Consume(ConsumeContext<TaskCreated> context)
    {
        log.Record(context.Message.TaskId);
        log.RecordName(context.Message.TaskId.ToString(), context.Message.Description);
        return Task.CompletedTask;
    }
}
