using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// What a command consumer does with a command that cannot apply, so that no refusal is silent. Scoped: it
/// writes in the consumer's transaction (the consumer outbox's), so the redelivery or the rejection commits
/// with the inbox mark, or not at all.
/// </summary>
public sealed partial class CommandRefusals(
    AgentLightningDbContext db, IOptions<CommandOptions> options, PlatformMetrics metrics, TimeProvider clock,
    IConfiguration configuration, IHostEnvironment environment, ILogger<CommandRefusals> logger)
{
    /// <summary>
    /// The target (or an aggregate the command refers to) does not exist. It may yet: the command that creates it
    /// can be behind this one in the queue. Within <see cref="CommandOptions.TargetMissingWindow"/> of the first
    /// attempt the command is scheduled again (null); after it, it is rejected.
    /// </summary>
    public async Task<CommandRejected?> TargetMissingAsync<T>(ConsumeContext<T> context, string targetType, string targetId)
        where T : class
    {
        var now = clock.GetUtcNow();
        var firstAttempt = CommandHeaders.FirstAttemptOf(context) ?? now;
        var waited = now - firstAttempt;
        if (waited >= options.Value.TargetMissingWindow)
        {
            return await RejectAsync(context, targetType, targetId, CommandRejections.NotFound, "it does not exist", firstAttempt);
        }

        var delay = options.Value.NextRedelivery(waited);
        var commandId = CommandHeaders.CommandIdOf(context);
        var redelivery = CommandHeaders.RedeliveryOf(context) + 1;
        await context.ScheduleSend(context.ReceiveContext.InputAddress, delay, context.Message, new CopyContextPipe(context, (_, send) =>
        {
            send.MessageId = NewId.NextGuid();
            send.Headers.Set(CommandHeaders.CommandId, commandId.ToString());
            send.Headers.Set(CommandHeaders.FirstAttempt, CommandHeaders.Format(firstAttempt));
            // Not MT-Redelivery-Count: MassTransit's redelivery filter counts it against the endpoint's own retries.
            send.Headers.Set(CommandHeaders.Redelivery, redelivery);
        }), context.CancellationToken);
        LogRedelivering(logger, typeof(T).Name, commandId, targetType, targetId, delay);
        return null;
    }

    /// <summary>
    /// Refuses the command for good: publishes <see cref="CommandRejected"/> and keeps the command as a "rejected"
    /// dead letter, both in the consumer's transaction; counted and logged once it committed.
    /// </summary>
    public Task<CommandRejected> RejectAsync<T>(ConsumeContext<T> context, string targetType, string targetId, string reason, string detail)
        where T : class =>
        RejectAsync(context, targetType, targetId, reason, detail, CommandHeaders.FirstAttemptOf(context) ?? clock.GetUtcNow());

    private async Task<CommandRejected> RejectAsync<T>(
        ConsumeContext<T> context, string targetType, string targetId, string reason, string detail, DateTimeOffset firstAttempt)
        where T : class
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A command is rejected in its consumer's transaction (the consumer outbox's).");
        var now = clock.GetUtcNow();
        var rejected = new CommandRejected
        {
            CommandType = typeof(T).Name,
            MessageId = CommandHeaders.CommandIdOf(context),
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            TargetType = targetType,
            TargetId = targetId,
            Reason = reason,
            Detail = detail,
            RejectedBy = ServiceOptions.Resolve(configuration, environment.ApplicationName),
            OccurredAt = now,
        };
        var capture = RejectedLetter.Capture(context, rejected, firstAttempt, now);
        var stored = await DeadLetterStore.UpsertAsync(
            (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), [capture], now, context.CancellationToken);
        if (stored[0])
        {
            // Only a new letter is a new rejection: another delivery of a command whose letter is pending announces nothing new.
            await context.Publish(rejected, context.CancellationToken);
            db.Callbacks.AfterCommit(() =>
            {
                metrics.EventFailed(capture.MessageTypes.FirstOrDefault() ?? rejected.CommandType);
                // A business refusal is an expected answer (like an HTTP 409); a target that never appeared is a mistake to look into.
                var level = reason == CommandRejections.Conflict ? LogLevel.Information : LogLevel.Warning;
                LogRejected(logger, level, rejected.CommandType, rejected.MessageId, targetType, targetId, detail, context.ReceiveContext.InputAddress);
                return Task.CompletedTask;
            });
        }

        return rejected;
    }

    [LoggerMessage(LogLevel.Debug, "{Command} {CommandId}: {TargetType} '{TargetId}' does not exist (yet); redelivering in {Delay}")]
    private static partial void LogRedelivering(ILogger logger, string command, Guid commandId, string targetType, string targetId, TimeSpan delay);

    [LoggerMessage("{Command} {CommandId} for {TargetType} '{TargetId}' rejected ({Detail}): CommandRejected published, kept as a rejected dead letter of {Queue}")]
    private static partial void LogRejected(
        ILogger logger, LogLevel level, string command, Guid commandId, string targetType, string targetId, string detail, Uri queue);
}
