using AgentLightning.Contracts.Provisioning;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>
/// On the coordinator's command queue, where every service sends ProvisionAgent (CommandRouting); the answers of the
/// steps arrive there too. The WorkflowRun saga shares the queue: each machine drops what is not its own.
/// </summary>
public sealed class AgentProvisioningStateDefinition : SagaDefinition<AgentProvisioningState>
{
    public AgentProvisioningStateDefinition(IOptions<MessagingOptions> options) =>
        EndpointName = CommandRouting.QueueOf(typeof(ProvisionAgent), options.Value.QueuePrefix);
}
