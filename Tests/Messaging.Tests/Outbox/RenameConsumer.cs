using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class RenameConsumer(AgentRepository agents) : IConsumer<Rename>
{
    public async Task Consume(ConsumeContext<Rename> context)
    {
        var rename = context.Message;
        await agents.UpdateAsync(rename.AgentId, a => a.Name = rename.Name,
            beforeCommit: (agent, ct) => context.Publish(new Renamed(agent.Id, agent.Name), ct));
        if (rename.Fail)
        {
            throw new InvalidOperationException("Failing after the change and the publish, before the commit.");
        }
    }
}

public sealed class RenamedConsumer(ConsumedLog log) : IConsumer<Renamed>
{
    public Task Consume(ConsumeContext<Renamed> context)
    {
        log.Record(context.MessageId!.Value);
        log.RecordName(context.Message.AgentId, context.Message.Name);
        return Task.CompletedTask;
    }
}
