using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Infrastructure.Persistence.Entities;
using Steps = AgentLightning.Contracts.Provisioning.ProvisioningSteps;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>Plays a provisioning forward to a step: every earlier step answered, the saga waiting on that one.</summary>
internal static class ProvisioningDriver
{
    public static async Task<AgentProvisioningState> AdvanceToAsync(this ProvisioningHarness h, ProvisionAgent r, string step)
    {
        var id = r.ProvisioningId;
        await h.SendAsync(r);
        var saga = await h.InStateAsync(id, m => m.CreatingAgent);
        if (step == Steps.CreateAgent)
        {
            return saga;
        }

        await h.AgentCreatedAsync(r);
        saga = await h.InStateAsync(id, m => m.ReservingCapacity);
        if (step == Steps.ReserveCapacity)
        {
            return saga;
        }

        await h.CapacityReservedAsync(r);
        if (r.Webhook is not null)
        {
            saga = await h.InStateAsync(id, m => m.RegisteringWebhook);
            if (step == Steps.RegisterWebhook)
            {
                return saga;
            }

            await h.WebhookRegisteredAsync(r);
        }

        saga = await h.InStateAsync(id, m => m.IssuingKey);
        if (step == Steps.IssueKey)
        {
            return saga;
        }

        await h.KeyIssuedAsync(r);
        return await h.InStateAsync(id, m => m.Activating);
    }

    /// <summary>Plays every step to the end.</summary>
    public static async Task<AgentProvisioningState> CompleteAsync(this ProvisioningHarness h, ProvisionAgent r)
    {
        await h.AdvanceToAsync(r, Steps.ActivateAgent);
        await h.StatusChangedAsync(r, AgentStatuses.Active);
        return await h.InStateAsync(r.ProvisioningId, m => m.Final);
    }
}
