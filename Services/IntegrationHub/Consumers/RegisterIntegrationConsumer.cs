using AgentLightning.Contracts.Integrations;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.IntegrationHub.Application;
using MassTransit;

namespace AgentLightning.IntegrationHub.Consumers;

/// <summary>
/// Registers an integration under the sender's id (the Transaction Coordinator's agent provisioning registers an
/// agent's default webhook). The same command again changes nothing; another definition under the id is rejected.
/// A webhook's secret is generated here and stays here: messages never carry one.
/// </summary>
internal sealed partial class RegisterIntegrationConsumer(IntegrationCommands commands, CommandRefusals refusals, ILogger<RegisterIntegrationConsumer> logger)
    : IConsumer<RegisterIntegration>
{
    public async Task Consume(ConsumeContext<RegisterIntegration> context)
    {
        var command = context.Message;
        var config = IntegrationEvents.ReadConfig(command.Config);
        var definition = new IntegrationDefinition(
            command.Name, command.Endpoint?.ToString() ?? "", config.Channels ?? [], config.Active ?? true, config.AuthHeaderName, config.CacheTtlSeconds);
        var result = await commands.CreateAsync(command.IntegrationId, command.Kind, definition, new IntegrationSecrets(null, null), context, context.CancellationToken);
        switch (result.Outcome)
        {
            case CommandOutcome.Unchanged:
                LogAlreadyApplied(logger, command.IntegrationId);
                break;
            case CommandOutcome.Conflict:
                await Answer(context, await refusals.RejectAsync(context, result.EntityType, result.EntityId, CommandRejections.Conflict, result.Reason ?? "already exists"));
                break;
            default:
                break;
        }
    }

    private static Task Answer(ConsumeContext context, CommandRejected rejected) =>
        context.ResponseAddress is null ? Task.CompletedTask : context.RespondAsync(rejected);

    [LoggerMessage(LogLevel.Information, "RegisterIntegration for '{IntegrationId}' was already applied; nothing changed")]
    private static partial void LogAlreadyApplied(ILogger logger, Guid integrationId);
}
