using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.IntegrationHub.Application;
using MassTransit;

namespace AgentLightning.IntegrationHub.Consumers;

/// <summary>
/// Removes an integration (agent provisioning's compensation). Already removed is done. Never created may be a
/// removal that overtook its registration: redelivered for a while, then rejected, like Agent Designer's deletes.
/// </summary>
internal sealed partial class RemoveIntegrationConsumer(
    IntegrationCommands commands, CommandRefusals refusals, EventLogReader log, ILogger<RemoveIntegrationConsumer> logger) : IConsumer<RemoveIntegration>
{
    public async Task Consume(ConsumeContext<RemoveIntegration> context)
    {
        var command = context.Message;
        var result = await commands.DeleteAsync(command.IntegrationId, null, context, context.CancellationToken);
        if (result.Outcome != CommandOutcome.NotFound)
        {
            return;
        }

        if (await log.EndsInDeletionAsync(result.EntityType, result.EntityId, context.CancellationToken))
        {
            LogAlreadyRemoved(logger, command.IntegrationId);
            return;
        }

        if (await refusals.TargetMissingAsync(context, result.EntityType, result.EntityId) is { } rejected && context.ResponseAddress is not null)
        {
            await context.RespondAsync(rejected);
        }
    }

    [LoggerMessage(LogLevel.Information, "RemoveIntegration for '{IntegrationId}': already removed; nothing changed")]
    private static partial void LogAlreadyRemoved(ILogger logger, Guid integrationId);
}
