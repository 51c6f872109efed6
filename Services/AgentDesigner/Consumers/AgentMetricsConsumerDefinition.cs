using AgentLightning.Infrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.AgentDesigner.Consumers;

/// <summary>One queue for every event the metrics follow, named for the service that keeps them.</summary>
internal sealed class AgentMetricsConsumerDefinition : ConsumerDefinition<AgentMetricsConsumer>
{
    public const string Queue = "agent-designer-metrics";

    public AgentMetricsConsumerDefinition(IOptions<MessagingOptions> options) => EndpointName = options.Value.QueuePrefix + Queue;
}
