using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>
/// An event queue named after the service, so another service's consumer of the workflow events never shares it.
/// The events of one run are applied in the saga's numbering by RunProjection, which makes any delivery order safe:
/// no partitioner (it excludes, it does not order), so an event ahead of its predecessor waits only a retry.
/// </summary>
internal sealed class WorkflowRunConsumerDefinition : ConsumerDefinition<WorkflowRunConsumer>
{
    /// <summary>The queue's name without the queue prefix.</summary>
    public const string Queue = $"{ServiceNames.WorkflowEngine}-runs";

    public WorkflowRunConsumerDefinition(IOptions<MessagingOptions> options) => EndpointName = options.Value.QueuePrefix + Queue;
}
