using MassTransit;

using AgentLightning.Messaging.TestService;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class PingConsumer(ConsumedLog log) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        if (log.Accepts(context.Message.Run))
        {
            log.Record(context.Message.Id);
        }

        return Task.CompletedTask;
    }
}
