using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>
/// An event queue named after the service, so another service's consumer of the workflow events never shares it.
/// The events of one run are applied one at a time, in the order they arrived: the saga publishes a run's last step
/// and its end in one transaction, and applied side by side the view would show the run completed with that step
/// still pending until the loser of the row's concurrency check is retried.
/// </summary>
internal sealed class WorkflowRunConsumerDefinition : ConsumerDefinition<WorkflowRunConsumer>
{
    private readonly MessagingOptions _options;

    public WorkflowRunConsumerDefinition(IOptions<MessagingOptions> options)
    {
        _options = options.Value;
        EndpointName = $"{_options.QueuePrefix}{ServiceNames.WorkflowEngine}-runs";
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<WorkflowRunConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // On the endpoint, so outside each event's transaction: the next event of a run starts after the previous committed.
        var partitioner = endpointConfigurator.CreatePartitioner(2 * _options.PrefetchCount);
        endpointConfigurator.UsePartitioner<WorkflowStarted>(partitioner, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<WorkflowStepCompleted>(partitioner, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<WorkflowCompleted>(partitioner, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<WorkflowFailed>(partitioner, c => c.Message.RunId);
        endpointConfigurator.UsePartitioner<WorkflowCancelled>(partitioner, c => c.Message.RunId);
    }
}
