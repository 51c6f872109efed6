using AgentLightning.Infrastructure.Messaging.Capture;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// What one pass did; <paramref name="NewFailures"/> counts rows whose send failed for the first time,
/// <paramref name="DeadLettered"/> those given up on (and deleted) after their last allowed attempt.
/// </summary>
/// <paramref name="Refused"/> those the broker answered with a refusal of the message (or that were given up on before any
/// send): evidence the broker is there.
internal sealed record DispatchResult(int Claimed, int Sent, int NewFailures, Exception? FirstFailure, int DeadLettered = 0, int Refused = 0)
{
    public static readonly DispatchResult Empty = new(0, 0, 0, null);
}

/// <summary>
/// One batch: claim due rows, send them all with their broker confirms in flight together, then delete the sent
/// rows and those that became dead letters, and put the other failed ones back with a backoff, in the claim's
/// transaction.
/// </summary>
internal sealed class DispatchPass(
    NpgsqlDataSource dataSource, IBus bus, IOptions<SchedulerOptions> options, IOptions<OutboxOptions> outboxOptions,
    SchedulerDeadLettering deadLettering, SchedulerMetrics metrics, TimeProvider clock)
{
    public async Task<DispatchResult> RunAsync(int limit, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await DueMessageQueries.ClaimAsync(connection, transaction, now, limit, stoppingToken);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(stoppingToken);
            return DispatchResult.Empty;
        }

        // Recorded before any send, as the outbox's rounds are: a pass that dies after a confirm leaves a trace, and one
        // found here that began longer ago than the inbox remembers means its rows may have arrived unnoticed.
        var forgottenAfter = DuplicateDetectionWindowValidation.ForgottenAfter(outboxOptions.Value);
        var died = await OutboxAttempts.RecordAsync(dataSource, [.. claimed.Select(e => e.TokenId)], forgottenAfter, stoppingToken);
        var forgotten = now - forgottenAfter;
        var failures = await Task.WhenAll(claimed.Select(entry => InDoubt(entry, died, forgotten) is { } doubt
            ? Task.FromResult<Exception?>(doubt)
            // Awaiting each confirm in turn caps at a few hundred messages per second; the batch goes out at once.
            : SendAsync(entry, now, settings.SendTimeout)));

        // From here on the broker holds confirmed messages: finish even if the host is stopping. Should this
        // process die before the commit, the rows stay and are sent again with the SAME MessageId; consumers
        // dedupe by MessageId through the inbox, so the message still has its effect once; a re-send after the inbox
        // forgot is stopped by the pass's record (above).
        var sent = claimed.Where((_, i) => failures[i] is null).Select(e => e.TokenId).ToArray();
        var failed = claimed.Zip(failures).Where(f => f.Second is not null).Select(f => (Entry: f.First, Error: f.Second!)).ToArray();
        var letters = new List<DeadLetterCapture>();
        var deadLettered = await deadLettering.TryGiveUpAsync(failed, transaction, letters, CancellationToken.None);
        if (sent.Length + deadLettered.Count > 0)
        {
            await DueMessageQueries.DeleteAsync(connection, transaction, [.. sent, .. deadLettered], CancellationToken.None);
        }

        // A row in doubt whose letter could not be written keeps its record: deleted, the next pass would send it as new.
        await DueMessageQueries.ForgetAttemptsAsync(connection, transaction,
            [.. claimed.Select(e => e.TokenId).Where(id => !died.ContainsKey(id) || deadLettered.Contains(id))], CancellationToken.None);
        var retried = failed.Where(f => !deadLettered.Contains(f.Entry.TokenId)).ToArray();
        if (retried.Length > 0)
        {
            var after = clock.GetUtcNow().UtcDateTime;
            await DueMessageQueries.RecordFailuresAsync(connection, transaction,
                retried.Select(f => f.Entry.TokenId).ToArray(),
                retried.Select(f => Describe(f.Error)).ToArray(),
                retried.Select(f => after + Backoff(f.Entry.Attempts + 1, settings)).ToArray(),
                after, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        deadLettering.CountFailed(letters);
        metrics.RecordDispatched(sent.Length);
        metrics.RecordSendFailures(failed.Count(f => f.Error is not InDoubtDeliveryException));
        var newFailures = retried.Count(f => f.Entry.Attempts == 0);
        var refused = failed.Count(f => f.Error is InDoubtDeliveryException || BrokerRefusals.Refused(f.Error));
        return new DispatchResult(claimed.Count, sent.Length, newFailures, retried.FirstOrDefault().Error, deadLettered.Count, refused);
    }

    /// <summary>Doubles from the poll interval per failed attempt, up to <see cref="SchedulerOptions.MaxBackoff"/>.</summary>
    public static TimeSpan Backoff(int attempts, SchedulerOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(settings.PollInterval.Ticks * factor, settings.MaxBackoff.Ticks));
    }

    /// <summary>
    /// Not sent again, whatever the broker's health, when a pass that died sent it, or a try whose confirm was lost may
    /// have, longer ago than the inbox remembers: the failure makes it a dead letter.
    /// </summary>
    private static InDoubtDeliveryException? InDoubt(ScheduledMessageEntry entry, IReadOnlyDictionary<Guid, DateTime> died, DateTime forgotten) =>
        died.TryGetValue(entry.TokenId, out var since) ? InDoubtDeliveryException.Since(since)
        : entry.FirstFailedAt is { } first && first < forgotten ? InDoubtDeliveryException.RetriedSince(first)
        : null;

    private async Task<Exception?> SendAsync(ScheduledMessageEntry entry, DateTime now, TimeSpan timeout)
    {
        // Not the host's stopping token: a send under way completes (or times out) so its row can be settled.
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(entry.DestinationAddress).WaitAsync(cancellation.Token);
            await endpoint.Send(new SerializedMessageBody(), new CapturedMessageSendPipe(entry.ToCaptured(), now), cancellation.Token);
            return null;
        }
        catch (Exception exception)
        {
            return cancellation.IsCancellationRequested
                ? new TimeoutException($"The broker did not confirm the send within {timeout}.", exception)
                : exception;
        }
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
