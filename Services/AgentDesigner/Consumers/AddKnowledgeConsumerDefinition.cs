using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class AddKnowledgeConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<AddKnowledgeConsumer, AddKnowledge>(options);
