using AgentLightning.AgentDesigner.Application;
using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

/// <summary>
/// A command that cannot apply is acknowledged, not thrown: retrying cannot make a missing aggregate appear or a
/// stale version current, and a dead letter would only ask an operator to retry it in vain. Nothing was written
/// or published (the refusal is found before the write). A request (one with a response address) whose agent
/// does not exist is answered with <see cref="AgentNotFound"/>.
/// </summary>
internal static partial class CommandOutcomes
{
    public static async Task ReportAsync<TCommand, T>(
        this ConsumeContext<TCommand> context, CommandResult<T> result, ILogger logger, bool absentIsDone = false)
        where TCommand : class
        where T : class, IAggregate
    {
        var command = typeof(TCommand).Name;
        switch (result.Outcome)
        {
            case CommandOutcome.Unchanged:
                LogAlreadyApplied(logger, command, result.EntityType, result.EntityId);
                break;
            case CommandOutcome.NotFound when absentIsDone:
                LogAlreadyApplied(logger, command, result.EntityType, result.EntityId);
                break;
            case CommandOutcome.NotFound:
                LogRefused(logger, command, result.EntityType, result.EntityId, "it does not exist", context.MessageId);
                if (context.ResponseAddress is not null && result.EntityType == Agent.AggregateType)
                {
                    await context.RespondAsync(new AgentNotFound { AgentId = result.EntityId });
                }

                break;
            case CommandOutcome.Conflict:
                LogRefused(logger, command, result.EntityType, result.EntityId, result.Reason, context.MessageId);
                break;
            case CommandOutcome.Applied:
            default:
                break;
        }
    }

    [LoggerMessage(LogLevel.Information, "{Command} for {EntityType} '{EntityId}' was already applied; nothing changed")]
    private static partial void LogAlreadyApplied(ILogger logger, string command, string entityType, string entityId);

    [LoggerMessage(LogLevel.Warning, "{Command} for {EntityType} '{EntityId}' refused ({Reason}); acknowledged without effect (message {MessageId})")]
    private static partial void LogRefused(ILogger logger, string command, string entityType, string entityId, string? reason, Guid? messageId);
}
