using AgentLightning.Auth.Application;
using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;

namespace AgentLightning.Auth.Consumers;

/// <summary>
/// Revokes an agent's API key (agent provisioning's compensation). Already revoked is done; a key not issued (yet)
/// may be a revocation that overtook its issue: redelivered for a while, then rejected, like every missing target.
/// </summary>
internal sealed partial class RevokeAgentApiKeyConsumer(AgentKeyCommands keys, CommandRefusals refusals, ILogger<RevokeAgentApiKeyConsumer> logger)
    : IConsumer<RevokeAgentApiKey>
{
    public async Task Consume(ConsumeContext<RevokeAgentApiKey> context)
    {
        var keyId = context.Message.KeyId;
        var result = await keys.RevokeAsync(keyId, context, context.CancellationToken);
        if (result.Outcome == CommandOutcome.Unchanged)
        {
            LogAlreadyRevoked(logger, keyId);
        }
        else if (result.Outcome == CommandOutcome.NotFound)
        {
            await refusals.TargetMissingAsync(context, AgentKeyCommands.EntityType, keyId.ToString());
        }
    }

    [LoggerMessage(LogLevel.Information, "RevokeAgentApiKey for '{KeyId}': already revoked; nothing changed")]
    private static partial void LogAlreadyRevoked(ILogger logger, Guid keyId);
}
