using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Options;

namespace AgentLightning.IntegrationHub.Consumers;

/// <summary>On the hub's command queue, where a replayed dead letter comes back to.</summary>
internal sealed class DeliverWebhookConsumerDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<DeliverWebhookConsumer, DeliverWebhook>(options);
