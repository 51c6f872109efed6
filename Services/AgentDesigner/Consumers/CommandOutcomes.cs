using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.AgentDesigner.Consumers;

/// <summary>
/// A command that cannot apply is never acknowledged silently. A missing target may be a creation still behind
/// it in the queue, so it is redelivered for a while before it is rejected; a business refusal (stale version,
/// invalid state, id taken) is rejected at once. A rejection publishes CommandRejected and keeps the command as
/// a dead letter (<see cref="CommandRefusals"/>); a request (one with a response address) is also answered:
/// <see cref="AgentNotFound"/> for a missing agent, else the <see cref="CommandRejected"/> itself.
/// </summary>
internal static partial class CommandOutcomes
{
    /// <summary>
    /// A delete whose target is absent is done only if the target's event log ends in its deletion. Absent and never
    /// deleted, the delete may have overtaken the create (redelivered, then rejected like any missing target).
    /// Regression: every absent target counted as deleted, so a delete ahead of its create was acknowledged and lost.
    /// </summary>
    public static async Task ReportDeleteAsync<TCommand, T>(
        this ConsumeContext<TCommand> context, CommandResult<T> result, CommandRefusals refusals, EventLogReader log, ILogger logger)
        where TCommand : class
        where T : class, IAggregate
    {
        if (result.Outcome == CommandOutcome.NotFound && result.EntityType == T.AggregateType
            && await log.EndsInDeletionAsync(result.EntityType, result.EntityId, context.CancellationToken))
        {
            LogAlreadyApplied(logger, typeof(TCommand).Name, result.EntityType, result.EntityId);
            return;
        }

        await context.ReportAsync(result, refusals, logger);
    }

    public static async Task ReportAsync<TCommand, T>(
        this ConsumeContext<TCommand> context, CommandResult<T> result, CommandRefusals refusals, ILogger logger)
        where TCommand : class
        where T : class, IAggregate
    {
        switch (result.Outcome)
        {
            case CommandOutcome.Unchanged:
                LogAlreadyApplied(logger, typeof(TCommand).Name, result.EntityType, result.EntityId);
                break;
            case CommandOutcome.NotFound:
                await AnswerAsync(context, await refusals.TargetMissingAsync(context, result.EntityType, result.EntityId));
                break;
            case CommandOutcome.Conflict:
                await AnswerAsync(context, await refusals.RejectAsync(
                    context, result.EntityType, result.EntityId, CommandRejections.Conflict, result.Reason ?? "conflicts with the current state"));
                break;
            case CommandOutcome.Applied:
            default:
                break;
        }
    }

    private static async Task AnswerAsync(ConsumeContext context, CommandRejected? rejected)
    {
        if (rejected is null || context.ResponseAddress is null)
        {
            return;
        }

        if (rejected.Reason == CommandRejections.NotFound && rejected.TargetType == Agent.AggregateType)
        {
            await context.RespondAsync(new AgentNotFound { AgentId = rejected.TargetId });
            return;
        }

        await context.RespondAsync(rejected);
    }

    [LoggerMessage(LogLevel.Information, "{Command} for {EntityType} '{EntityId}' was already applied; nothing changed")]
    private static partial void LogAlreadyApplied(ILogger logger, string command, string entityType, string entityId);
}
