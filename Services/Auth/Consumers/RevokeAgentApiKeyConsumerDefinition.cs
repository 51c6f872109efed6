using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Consumers;

internal sealed class RevokeAgentApiKeyConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<RevokeAgentApiKeyConsumer, RevokeAgentApiKey>(options);
