using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Identity;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>
/// Provisions an agent: create it inactive (Agent Designer) → reserve model capacity (AI Model) → register its webhook
/// (Integration Hub, when asked for) → issue its API key (Auth) → activate it. A refusal, a CommandRejected of a step's
/// command, a step timeout or a cancel compensates the steps taken, in reverse, and ends the saga compensated
/// (docs/sagas.md "AgentProvisioning"). The reservation, integration and key take the saga's id as theirs, so their
/// answers find it by id; the agent's events find it by their InitiatorId (see <see cref="AnswerToTheSagasCommand{T}"/>).
/// </summary>
public sealed class AgentProvisioningStateMachine : MassTransitStateMachine<AgentProvisioningState>
{
    public AgentProvisioningStateMachine(IOptions<ProvisioningOptions> options)
    {
        var settings = options.Value;
        var steps = new ProvisioningStepCommands();
        InstanceState(x => x.CurrentState);

        Event(() => Provision, e => e.CorrelateById(m => m.Message.ProvisioningId));
        Event(() => Cancel, e => Discarding(e).CorrelateById(m => m.Message.ProvisioningId));
        Event(() => AgentCreated, AnswerToTheSagasCommand);
        Event(() => AgentStatusChanged, AnswerToTheSagasCommand);
        Event(() => CapacityReserved, e => Discarding(e).CorrelateById(m => m.Message.ReservationId));
        Event(() => CapacityRefused, e => Discarding(e).CorrelateById(m => m.Message.ReservationId));
        Event(() => WebhookRegistered, e => Discarding(e).CorrelateById(m => m.Message.IntegrationId));
        Event(() => KeyIssued, e => Discarding(e).CorrelateById(m => m.Message.KeyId));
        Event(() => Rejected, e => Discarding(e).CorrelateById(m => m.Message.CorrelationId ?? Guid.Empty));
        Schedule(() => StepTimeout, x => x.StepTimeoutTokenId, s =>
        {
            s.Delay = settings.StepTimeout;
            s.Received = r => r.CorrelateById(m => m.Message.ProvisioningId);
        });

        // An agent id already taken is refused before anything is done: its compensation would delete someone else's agent.
        Initially(When(Provision)
            .Then(c => ProvisioningStepCommands.Start(c.Saga, c.Message, settings, DateTimeOffset.UtcNow))
            .IfElseAsync(c => c.GetServiceOrCreateInstance<IAgentDirectory>().ExistsAsync(c.Saga.AgentId, c.CancellationToken),
                taken => taken
                    .ThenAsync(c => steps.CompensateAsync(c, $"agent '{c.Saga.AgentId}' already exists", stepMayHaveApplied: false))
                    .Finalize(),
                free => free
                    .ThenAsync(c => c.SendCommandAsync(ProvisioningStepCommands.CreateAgent(c.Message)))
                    .Schedule(StepTimeout, c => new AgentProvisioningStepTimedOut(c.Saga.CorrelationId))
                    .TransitionTo(CreatingAgent)));

        During(CreatingAgent, When(AgentCreated, c => c.Message.AgentId == c.Saga.AgentId)
            .Then(c => c.Saga.AgentCreated = true)
            .ThenAsync(steps.ReserveCapacityAsync)
            .Schedule(StepTimeout, c => new AgentProvisioningStepTimedOut(c.Saga.CorrelationId))
            .TransitionTo(ReservingCapacity));

        During(ReservingCapacity,
            When(CapacityReserved)
                .Then(c => c.Saga.CapacityReserved = true)
                .IfElse(c => c.Saga.WebhookTarget is not null,
                    webhook => webhook.ThenAsync(steps.RegisterWebhookAsync).TransitionTo(RegisteringWebhook),
                    key => key.ThenAsync(steps.IssueKeyAsync).TransitionTo(IssuingKey))
                .Schedule(StepTimeout, c => new AgentProvisioningStepTimedOut(c.Saga.CorrelationId)),
            When(CapacityRefused)
                .ThenAsync(c => steps.CompensateAsync(c, $"model capacity refused: {c.Message.Reason}", stepMayHaveApplied: false))
                .Unschedule(StepTimeout)
                .Finalize());

        During(RegisteringWebhook, When(WebhookRegistered)
            .Then(c => c.Saga.WebhookRegistered = true)
            .ThenAsync(steps.IssueKeyAsync)
            .Schedule(StepTimeout, c => new AgentProvisioningStepTimedOut(c.Saga.CorrelationId))
            .TransitionTo(IssuingKey));

        During(IssuingKey, When(KeyIssued)
            .Then(c => c.Saga.KeyIssued = true)
            .ThenAsync(steps.ActivateAsync)
            .Schedule(StepTimeout, c => new AgentProvisioningStepTimedOut(c.Saga.CorrelationId))
            .TransitionTo(Activating));

        // Another status change of the agent (by an operator, say) is not this step's answer.
        During(Activating, When(AgentStatusChanged, c => c.Message.AgentId == c.Saga.AgentId && c.Message.Status == AgentStatuses.Active)
            .Unschedule(StepTimeout)
            .ThenAsync(steps.CompleteAsync)
            .Finalize());

        IEnumerable<State> running = [CreatingAgent, ReservingCapacity, RegisteringWebhook, IssuingKey, Activating];
        During(running,
            When(Rejected, c => c.Message.CommandType == ProvisioningStepCommands.CommandOf(c.Saga.Step))
                .ThenAsync(c => steps.CompensateAsync(c, $"{c.Message.CommandType} rejected by {c.Message.RejectedBy}: {c.Message.Detail}", stepMayHaveApplied: false))
                .Unschedule(StepTimeout)
                .Finalize(),
            // The step's command may still apply after its timeout or a cancel: its compensation is sent too.
            When(StepTimeout.Received)
                .ThenAsync(c => steps.CompensateAsync(c, $"no answer within {settings.StepTimeout}", stepMayHaveApplied: true))
                .Finalize(),
            When(Cancel)
                .ThenAsync(c => steps.CompensateAsync(c, $"cancelled: {c.Message.Reason ?? "no reason given"}", stepMayHaveApplied: true))
                .Unschedule(StepTimeout)
                .Finalize());

        // Duplicates, answers a later step no longer waits for, a rejection of an earlier step's command (a replayed
        // dead letter, say: that step was answered already), and late events of a finished saga (kept for inspection).
        OnUnhandledEvent(x => x.Ignore());
    }

    public State CreatingAgent { get; private set; } = null!;

    public State ReservingCapacity { get; private set; } = null!;

    public State RegisteringWebhook { get; private set; } = null!;

    public State IssuingKey { get; private set; } = null!;

    public State Activating { get; private set; } = null!;

    public Event<ProvisionAgent> Provision { get; private set; } = null!;

    public Event<CancelAgentProvisioning> Cancel { get; private set; } = null!;

    public Event<AgentCreated> AgentCreated { get; private set; } = null!;

    public Event<AgentStatusChanged> AgentStatusChanged { get; private set; } = null!;

    public Event<ModelCapacityReserved> CapacityReserved { get; private set; } = null!;

    public Event<ModelCapacityReservationRefused> CapacityRefused { get; private set; } = null!;

    public Event<IntegrationRegistered> WebhookRegistered { get; private set; } = null!;

    public Event<AgentApiKeyIssued> KeyIssued { get; private set; } = null!;

    public Event<CommandRejected> Rejected { get; private set; } = null!;

    public Schedule<AgentProvisioningState, AgentProvisioningStepTimedOut> StepTimeout { get; private set; } = null!;

    /// <summary>Every answer is published for all to hear; one whose saga is not here (or is someone else's) is dropped.</summary>
    private static IEventCorrelationConfigurator<AgentProvisioningState, T> Discarding<T>(IEventCorrelationConfigurator<AgentProvisioningState, T> e)
        where T : class
    {
        e.OnMissingInstance(m => m.Discard());
        return e;
    }

    /// <summary>
    /// The agent's events carry only the agent's id. Those the saga waits for are published by Agent Designer while it
    /// consumes the saga's own command, and MassTransit makes the consumed command's CorrelationId (the saga's id) the
    /// InitiatorId of what its consumer publishes: the saga is loaded by key, not found by a query on agent_id, which
    /// cost an expression rewrite and a compiled delegate per event. Another cause's event of the same agent (an
    /// operator's status change) has another initiator, or none, and is dropped.
    /// </summary>
    private static void AnswerToTheSagasCommand<T>(IEventCorrelationConfigurator<AgentProvisioningState, T> e)
        where T : class => Discarding(e).CorrelateById(m => m.InitiatorId ?? Guid.Empty);
}
