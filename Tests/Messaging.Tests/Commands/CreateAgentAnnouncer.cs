using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Messaging.Tests.Outbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.Messaging.Tests.Commands;

/// <summary>An event type no queue is bound to, on a broker shared with other runs: publishing it reaches no one.</summary>
public sealed record NobodyListens(string AgentId);

/// <summary>Consumes a command and announces it with an event no one subscribes to, as an owner may.</summary>
public sealed class CreateAgentAnnouncer(ConsumedLog log) : IConsumer<CreateAgent>
{
    public async Task Consume(ConsumeContext<CreateAgent> context)
    {
        await context.Publish(new NobodyListens(context.Message.AgentId));
        log.Record(context.MessageId!.Value);
    }
}

public sealed class CreateAgentAnnouncerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<CreateAgentAnnouncer, CreateAgent>(options);
