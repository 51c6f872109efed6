using System.Text.Json;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Identity;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>The commands of each provisioning step and of its compensation, sent through the message's outbox.</summary>
internal sealed class ProvisioningStepCommands
{
    public const string Completed = "completed";
    public const string Compensated = "compensated";

    /// <summary>Every outcome a provisioning ends with: the inspection's filter and counts.</summary>
    public static readonly IReadOnlyList<string> Outcomes = [Completed, Compensated];

    public static void Start(AgentProvisioningState saga, ProvisionAgent request, ProvisioningOptions options, DateTimeOffset now)
    {
        saga.AgentId = request.AgentId;
        saga.Model = request.Model;
        saga.WebhookTarget = request.Webhook?.Target.ToString();
        saga.WebhookChannels = [.. request.Webhook?.Channels ?? []];
        saga.KeyRole = request.KeyRole ?? options.KeyRole;
        saga.KeyExpiresAt = (request.KeyExpiresAt ?? now + options.KeyLifetime).ToUniversalTime();
        saga.Step = ProvisioningSteps.CreateAgent;
    }

    /// <summary>The contract name of the command a step sends, as its owner's CommandRejected names it.</summary>
    public static string CommandOf(string step) => step switch
    {
        ProvisioningSteps.CreateAgent => nameof(Contracts.Agents.CreateAgent),
        ProvisioningSteps.ReserveCapacity => nameof(ReserveModelCapacity),
        ProvisioningSteps.RegisterWebhook => nameof(RegisterIntegration),
        ProvisioningSteps.IssueKey => nameof(IssueAgentApiKey),
        ProvisioningSteps.ActivateAgent => nameof(ChangeAgentStatus),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a provisioning step"),
    };

    /// <summary>Inactive until the last step: nobody should route work to an agent that has no key or capacity yet.</summary>
    public static CreateAgent CreateAgent(ProvisionAgent request) => new()
    {
        AgentId = request.AgentId,
        Name = request.Name,
        Model = request.Model,
        Specialization = request.Specialization,
        Config = request.Config,
        Capabilities = request.Capabilities,
        Status = AgentStatuses.Inactive,
    };

    public Task ReserveCapacityAsync(BehaviorContext<AgentProvisioningState> context)
    {
        context.Saga.Step = ProvisioningSteps.ReserveCapacity;
        return context.SendCommandAsync(new ReserveModelCapacity { ReservationId = context.Saga.CorrelationId, Model = context.Saga.Model });
    }

    public Task RegisterWebhookAsync(BehaviorContext<AgentProvisioningState> context)
    {
        var saga = context.Saga;
        saga.Step = ProvisioningSteps.RegisterWebhook;
        return context.SendCommandAsync(new RegisterIntegration
        {
            IntegrationId = saga.CorrelationId,
            Name = $"{saga.AgentId} webhook",
            Kind = IntegrationKinds.Webhook,
            Endpoint = new Uri(saga.WebhookTarget!),
            Config = JsonSerializer.SerializeToElement(new { channels = saga.WebhookChannels }),
        });
    }

    public Task IssueKeyAsync(BehaviorContext<AgentProvisioningState> context)
    {
        var saga = context.Saga;
        saga.Step = ProvisioningSteps.IssueKey;
        return context.SendCommandAsync(new IssueAgentApiKey
        {
            KeyId = saga.CorrelationId, AgentId = saga.AgentId, Role = saga.KeyRole, ExpiresAt = saga.KeyExpiresAt,
        });
    }

    public Task ActivateAsync(BehaviorContext<AgentProvisioningState> context)
    {
        context.Saga.Step = ProvisioningSteps.ActivateAgent;
        return context.SendCommandAsync(new ChangeAgentStatus
        {
            AgentId = context.Saga.AgentId, Status = AgentStatuses.Active, Reason = "provisioned",
        });
    }

    public Task CompleteAsync(BehaviorContext<AgentProvisioningState> context)
    {
        var saga = context.Saga;
        saga.Outcome = Completed;
        return context.Publish(new AgentProvisioned
        {
            ProvisioningId = saga.CorrelationId,
            AgentId = saga.AgentId,
            KeyId = saga.CorrelationId,
            ReservationId = saga.CorrelationId,
            IntegrationId = saga.WebhookRegistered ? saga.CorrelationId : null,
            OccurredAt = DateTimeOffset.UtcNow,
        }, context.CancellationToken);
    }

    /// <summary>
    /// Undoes the steps taken, last first, and announces the failure. With <paramref name="stepMayHaveApplied"/> (a
    /// timeout or a cancel) the step under way is undone too: its command may still apply, and each undo is
    /// idempotent at its owner, which waits for (redelivers) an undo that overtook its step.
    /// </summary>
    public async Task CompensateAsync(BehaviorContext<AgentProvisioningState> context, string reason, bool stepMayHaveApplied)
    {
        var saga = context.Saga;
        var step = saga.Step;
        bool Taken(bool done, string which) => done || (stepMayHaveApplied && step == which);

        if (Taken(saga.KeyIssued, ProvisioningSteps.IssueKey))
        {
            await context.SendCommandAsync(new RevokeAgentApiKey { KeyId = saga.CorrelationId });
        }

        if (Taken(saga.WebhookRegistered, ProvisioningSteps.RegisterWebhook))
        {
            await context.SendCommandAsync(new RemoveIntegration { IntegrationId = saga.CorrelationId });
        }

        if (Taken(saga.CapacityReserved, ProvisioningSteps.ReserveCapacity))
        {
            await context.SendCommandAsync(new ReleaseModelCapacity { ReservationId = saga.CorrelationId });
        }

        if (Taken(saga.AgentCreated, ProvisioningSteps.CreateAgent))
        {
            await context.SendCommandAsync(new DeleteAgent { AgentId = saga.AgentId });
        }

        saga.Outcome = Compensated;
        saga.FailedStep = step;
        saga.FailureReason = reason.Length > AgentProvisioningState.MaxReasonLength ? reason[..AgentProvisioningState.MaxReasonLength] : reason;
        await context.Publish(new AgentProvisioningFailed
        {
            ProvisioningId = saga.CorrelationId, AgentId = saga.AgentId, FailedStep = step, Reason = saga.FailureReason, OccurredAt = DateTimeOffset.UtcNow,
        }, context.CancellationToken);
    }
}
