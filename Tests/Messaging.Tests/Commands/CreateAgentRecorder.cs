using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Messaging.Tests.Outbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.Messaging.Tests.Commands;

/// <summary>Stands in for the owner of agents: consumes CreateAgent from the agent-designer queue.</summary>
public sealed class CreateAgentRecorder(ConsumedLog log) : IConsumer<CreateAgent>
{
    public Task Consume(ConsumeContext<CreateAgent> context)
    {
        log.Record(context.MessageId!.Value);
        log.RecordName(context.Message.AgentId, context.Message.Name);
        return Task.CompletedTask;
    }
}

public sealed class CreateAgentRecorderDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<CreateAgentRecorder, CreateAgent>(options);
