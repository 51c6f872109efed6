using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>An event queue named after the service, so another service's consumer of the workflow events never shares it.</summary>
internal sealed class WorkflowRunConsumerDefinition : ConsumerDefinition<WorkflowRunConsumer>
{
    public WorkflowRunConsumerDefinition(IOptions<MessagingOptions> options) =>
        EndpointName = $"{options.Value.QueuePrefix}{ServiceNames.WorkflowEngine}-runs";
}
