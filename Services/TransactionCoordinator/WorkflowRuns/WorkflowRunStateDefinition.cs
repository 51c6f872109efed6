using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

/// <summary>On the coordinator's command queue (CommandRouting): Workflow Engine sends StartWorkflow there, and CancelWorkflow comes from any service's /commands or the inspection's cancel.</summary>
public sealed class WorkflowRunStateDefinition : SagaDefinition<WorkflowRunState>
{
    public WorkflowRunStateDefinition(IOptions<MessagingOptions> options) =>
        EndpointName = CommandRouting.QueueOf(typeof(StartWorkflow), options.Value.QueuePrefix);
}
