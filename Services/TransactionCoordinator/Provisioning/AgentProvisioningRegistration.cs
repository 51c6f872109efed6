using AgentLightning.Contracts.Provisioning;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Provisioning;

internal static class AgentProvisioningRegistration
{
    /// <summary>The AgentProvisioning saga on the PostgreSQL repository, its options, and its cancel command and outcomes for the inspection.</summary>
    public static IBusRegistrationConfigurator AddAgentProvisioning(this IBusRegistrationConfigurator bus)
    {
        bus.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        bus.AddScoped<IAgentDirectory, AgentDirectory>();
        bus.AddSagaCancellation<AgentProvisioningState>((saga, reason) => new CancelAgentProvisioning { ProvisioningId = saga.CorrelationId, Reason = reason });
        bus.AddSagaOutcomes<AgentProvisioningState>(s => s.Outcome, ProvisioningStepCommands.Outcomes);
        bus.AddSagaStateMachine<AgentProvisioningStateMachine, AgentProvisioningState>(typeof(AgentProvisioningStateDefinition)).PostgresRepository();
        return bus;
    }
}
