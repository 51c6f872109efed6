using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>
/// An event queue named after the service, so another service's consumer of the workflow events never shares it.
/// The events of one run are applied one at a time, in the order they arrived (partitioned by run, see
/// WorkflowEngineRegistration.AddRunEventPartitions): the saga publishes a run's last step and its end in one
/// transaction, and applied side by side the view would show the run completed with that step still pending until
/// the loser of the row's concurrency check is retried.
/// </summary>
internal sealed class WorkflowRunConsumerDefinition : ConsumerDefinition<WorkflowRunConsumer>
{
    /// <summary>The queue's name without the queue prefix.</summary>
    public const string Queue = $"{ServiceNames.WorkflowEngine}-runs";

    public WorkflowRunConsumerDefinition(IOptions<MessagingOptions> options) => EndpointName = options.Value.QueuePrefix + Queue;
}
