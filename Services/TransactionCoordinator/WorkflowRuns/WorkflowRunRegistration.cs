using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

internal static class WorkflowRunRegistration
{
    /// <summary>The WorkflowRun saga on the PostgreSQL repository and the coordinator's queue, and its cancel command and outcomes for the inspection.</summary>
    public static IBusRegistrationConfigurator AddWorkflowRuns(this IBusRegistrationConfigurator bus)
    {
        bus.AddSagaCancellation<WorkflowRunState>((run, reason) => new CancelWorkflow { RunId = run.CorrelationId, WorkflowId = run.WorkflowId, Reason = reason });
        bus.AddSagaOutcomes<WorkflowRunState>(s => s.Outcome, RunProgress.Outcomes);
        bus.AddSagaStateMachine<WorkflowRunStateMachine, WorkflowRunState>(typeof(WorkflowRunStateDefinition)).PostgresRepository();
        return bus;
    }
}
