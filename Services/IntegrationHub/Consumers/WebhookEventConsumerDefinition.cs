using AgentLightning.Infrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.IntegrationHub.Consumers;

/// <summary>Every event on one durable queue of the hub's (retries, outbox and inbox come with every endpoint).</summary>
internal sealed class WebhookEventConsumerDefinition<T> : ConsumerDefinition<WebhookEventConsumer<T>>
    where T : class
{
    public const string Queue = "integration-hub-events";

    public WebhookEventConsumerDefinition(IOptions<MessagingOptions> options) => EndpointName = options.Value.QueuePrefix + Queue;
}
