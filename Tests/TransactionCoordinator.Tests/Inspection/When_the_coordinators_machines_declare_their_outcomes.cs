using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.TransactionCoordinator.Provisioning;
using AgentLightning.TransactionCoordinator.WorkflowRuns;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>The coordinator's own registrations: each machine declares where it writes how a saga ended and every value it writes.</summary>
public sealed class When_the_coordinators_machines_declare_their_outcomes
{
    [Test]
    public void Should_give_the_inspection_each_machines_outcome_column_and_values()
    {
        var services = new ServiceCollection();
        services.AddMassTransit(bus =>
        {
            bus.AddAgentProvisioning();
            bus.AddWorkflowRuns();
        });
        using var provider = services.BuildServiceProvider();

        var outcomes = provider.GetServices<ISagaOutcomes>().ToDictionary(o => o.SagaType);
        Assert.That(outcomes[typeof(AgentProvisioningState)].Values, Is.EqualTo(new[] { "completed", "compensated" }));
        Assert.That(outcomes[typeof(WorkflowRunState)].Values, Is.EqualTo(new[] { "completed", "failed", "cancelled" }));
        Assert.That(outcomes.Values.Select(o => o.Property), Is.All.EqualTo(nameof(WorkflowRunState.Outcome)));
    }
}
