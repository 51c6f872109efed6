using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class DeleteKnowledgeConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<DeleteKnowledgeConsumer, DeleteKnowledge>(options);
