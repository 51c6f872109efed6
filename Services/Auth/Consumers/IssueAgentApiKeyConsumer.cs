using AgentLightning.Auth.Application;
using AgentLightning.Contracts.Identity;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;

namespace AgentLightning.Auth.Consumers;

/// <summary>Issues an agent's API key (agent provisioning); a bad role or expiry, or a taken id, is rejected at once.</summary>
internal sealed partial class IssueAgentApiKeyConsumer(AgentKeyCommands keys, CommandRefusals refusals, ILogger<IssueAgentApiKeyConsumer> logger)
    : IConsumer<IssueAgentApiKey>
{
    public async Task Consume(ConsumeContext<IssueAgentApiKey> context)
    {
        var command = context.Message;
        var result = await keys.IssueAsync(command, context, context.CancellationToken);
        if (result.Outcome == CommandOutcome.Unchanged)
        {
            LogAlreadyIssued(logger, command.KeyId);
        }
        else if (result.Outcome == CommandOutcome.Conflict)
        {
            await refusals.RejectAsync(context, AgentKeyCommands.EntityType, command.KeyId.ToString(), CommandRejections.Conflict, result.Reason!);
        }
    }

    [LoggerMessage(LogLevel.Information, "IssueAgentApiKey for '{KeyId}' was already applied; nothing changed")]
    private static partial void LogAlreadyIssued(ILogger logger, Guid keyId);
}
