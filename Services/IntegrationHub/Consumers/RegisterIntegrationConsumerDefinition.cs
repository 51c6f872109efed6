using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.IntegrationHub.Consumers;

internal sealed class RegisterIntegrationConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<RegisterIntegrationConsumer, RegisterIntegration>(options);
