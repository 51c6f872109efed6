using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.AgentDesigner.Consumers;

internal sealed class UpdateAgentConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<UpdateAgentConsumer, UpdateAgent>(options);
