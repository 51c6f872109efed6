using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Consumers;

/// <summary>
/// A task command that cannot apply is never acknowledged silently: a missing task (or agent) may be a creation
/// still behind it in the queue, so it is redelivered for a while, then rejected; a contradiction of the task's
/// state is rejected at once (CommandRejected and a dead letter, <see cref="CommandRefusals"/>). A request is
/// also answered with the CommandRejected.
/// </summary>
internal static partial class TaskOutcomes
{
    public static async Task ReportAsync<TCommand>(
        this ConsumeContext<TCommand> context, CommandResult<AgentTask> result, CommandRefusals refusals, ILogger logger)
        where TCommand : class
    {
        var rejected = result.Outcome switch
        {
            CommandOutcome.NotFound => await refusals.TargetMissingAsync(context, result.EntityType, result.EntityId),
            CommandOutcome.Conflict => await refusals.RejectAsync(
                context, result.EntityType, result.EntityId, CommandRejections.Conflict, result.Reason ?? "conflicts with the current state"),
            _ => null,
        };
        if (result.Outcome == CommandOutcome.Unchanged)
        {
            LogAlreadyApplied(logger, typeof(TCommand).Name, result.EntityId, result.Value!.Status);
        }

        if (rejected is not null && context.ResponseAddress is not null)
        {
            await context.RespondAsync(rejected);
        }
    }

    [LoggerMessage(LogLevel.Information, "{Command} for task '{TaskId}' changes nothing: the task is {Status} and the command is its outcome already")]
    private static partial void LogAlreadyApplied(ILogger logger, string command, string taskId, string status);
}
