using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Consumers;

/// <summary>An event queue named after the service, so another service's consumer of TaskCancelled never shares it.</summary>
internal sealed class TaskCancelledConsumerDefinition : ConsumerDefinition<TaskCancelledConsumer>
{
    public TaskCancelledConsumerDefinition(IOptions<MessagingOptions> options) =>
        EndpointName = $"{options.Value.QueuePrefix}{ServiceNames.AiModel}-task-cancelled";
}
