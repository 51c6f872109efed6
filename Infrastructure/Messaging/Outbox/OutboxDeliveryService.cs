using System.Data;
using System.Diagnostics;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Sends committed outbox messages. Each worker claims a batch of due outboxes (SKIP LOCKED, so workers and
/// instances share the backlog), sends every outbox's messages in order while the outboxes go in parallel —
/// many broker confirms in flight — and deletes only what the broker confirmed, in the claim's transaction.
/// A crash after a confirm re-sends the same MessageId later; the consumers' inbox makes that harmless, and the
/// round's record (<see cref="OutboxAttempts"/>) turns a re-send later than the inbox remembers into a dead letter.
/// </summary>
internal sealed partial class OutboxDeliveryService(
    NpgsqlDataSource dataSource, IBus bus, OutboxDeliverySignal signal, IOptions<OutboxOptions> options,
    OutboxDeadLettering deadLettering, PlatformMetrics metrics, OutboxDeliveryMetrics rounds, ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.DeliveryEnabled
            ? Task.WhenAll(Enumerable.Range(1, _options.DeliveryWorkers).Select(i => RunWorkerAsync(i, stoppingToken)))
            : Task.CompletedTask;

    private async Task RunWorkerAsync(int worker, CancellationToken stoppingToken)
    {
        var outage = new OutageBackoff($"Outbox delivery worker {worker}", TimeSpan.FromMilliseconds(500), _options.MaxOutageDelay, logger);

        // One loop per process polls for what other processes committed (or left behind); the others wake to this
        // process's commits only. An idle service then claims once per interval instead of once per worker.
        var poll = worker == 1 ? _options.PollInterval : Timeout.InfiniteTimeSpan;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverBatchAsync(stoppingToken) >= _options.BatchSize)
                {
                }

                outage.Succeeded();
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                await Task.Delay(outage.Failed(e), stoppingToken);
            }
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        signal.Clear();
        var phase = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var forgottenAfter = DuplicateDetectionWindowValidation.ForgottenAfter(_options);
        var outboxes = await OutboxBatch.ClaimAsync(connection, transaction, _options.BatchSize, forgottenAfter, cancellationToken);
        rounds.Round(claimed: outboxes.Count > 0);
        if (outboxes.Count > 0)
        {
            phase = rounds.Phase("claim", phase);

            // Outboxes claimed only to be deleted send nothing: no record, no extra round trip.
            if (outboxes.Any(o => o.Messages.Count > 0))
            {
                await OutboxAttempts.RecordAsync(dataSource, outboxes, forgottenAfter, cancellationToken);
                phase = rounds.Phase("record", phase);
            }

            using var connectionGate = new SemaphoreSlim(1, 1);
            await Task.WhenAll(outboxes.Select(outbox => SendInOrderAsync(outbox, transaction, connectionGate, cancellationToken)));
            phase = rounds.Phase("send", phase);
            await OutboxBatch.SettleAsync(connection, transaction, outboxes, _options.Backoff, cancellationToken);
            phase = rounds.Phase("settle", phase);
        }

        await transaction.CommitAsync(cancellationToken);
        if (outboxes.Count > 0)
        {
            rounds.Phase("commit", phase);
        }

        deadLettering.CountFailed([.. outboxes.SelectMany(o => o.Letters)]);
        return outboxes.Count;
    }

    /// <summary>
    /// Stops at the first message the broker refuses: the rest of this outbox waits behind it, in order, unless that
    /// was its last attempt and it became a dead letter.
    /// </summary>
    private async Task SendInOrderAsync(ClaimedOutbox outbox, NpgsqlTransaction transaction, SemaphoreSlim connectionGate, CancellationToken cancellationToken)
    {
        if (outbox.InDoubtSince is { } since)
        {
            await GiveUpAllInDoubtAsync(outbox, since, transaction, connectionGate, cancellationToken);
            return;
        }

        foreach (var message in outbox.Messages)
        {
            if (outbox.HeadInDoubt && message == outbox.Messages[0])
            {
                // Decided on PostgreSQL alone, whatever the broker's health: an outage must not stretch the retries past the inbox.
                if (!await GiveUpInDoubtAsync(outbox, message, InDoubtDeliveryException.RetriedSince(outbox.FirstFailedAt!.Value), transaction, connectionGate, cancellationToken))
                {
                    return;
                }

                continue;
            }

            try
            {
                var destination = message.DestinationAddress ?? throw new UnsendableMessageException($"Outbox message {message.MessageId} has no destination.");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.SendTimeout);
                var endpoint = await bus.GetSendEndpoint(destination);
                await endpoint.Send(new SerializedMessageBody(), new CapturedMessageSendPipe(message.ToCaptured(), DateTime.UtcNow), timeout.Token);
                outbox.Sent.Add(message.SequenceNumber);
                metrics.EventPublished(ShortType(message.MessageType));
                rounds.Confirmed(message.SentTime);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Not counted in events_failed: the message is retried, and counted there once it becomes a dead letter.
                if (await deadLettering.TryGiveUpAsync(outbox, message, e, transaction, connectionGate, cancellationToken))
                {
                    outbox.DeadLettered.Add(message.SequenceNumber);
                    continue;
                }

                outbox.Failure = $"{e.GetType().Name}: {e.Message}";
                if (outbox.Attempts == 1)
                {
                    LogSendFailed(logger, message.MessageId, outbox.OutboxId, outbox.Failure);
                }

                return;
            }
        }
    }

    /// <summary>
    /// Messages a round that died may have sent longer ago than the inbox remembers: a re-send could take effect twice
    /// unnoticed, so each becomes a dead letter an operator decides on. The rest wait while the store is away.
    /// </summary>
    private async Task GiveUpAllInDoubtAsync(
        ClaimedOutbox outbox, DateTime since, NpgsqlTransaction transaction, SemaphoreSlim connectionGate, CancellationToken cancellationToken)
    {
        foreach (var message in outbox.Messages)
        {
            if (!await GiveUpInDoubtAsync(outbox, message, InDoubtDeliveryException.Since(since), transaction, connectionGate, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>False when the store cannot take the letter: the outbox fails this round and keeps its mark (see the settle).</summary>
    private async Task<bool> GiveUpInDoubtAsync(
        ClaimedOutbox outbox, OutboxMessage message, InDoubtDeliveryException doubt, NpgsqlTransaction transaction, SemaphoreSlim connectionGate,
        CancellationToken cancellationToken)
    {
        if (!await deadLettering.GiveUpAsync(outbox, message, doubt, transaction, connectionGate, cancellationToken))
        {
            outbox.Failure = doubt.Message;
            return false;
        }

        outbox.DeadLettered.Add(message.SequenceNumber);
        return true;
    }

    private static string ShortType(string messageType) =>
        messageType.Split(';')[0] is var first && first.LastIndexOf(':') is var colon and >= 0 ? first[(colon + 1)..] : messageType;

    /// <summary>Logged on the first failure only; later attempts are in outbox_state.failed_attempts and last_error.</summary>
    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} of outbox {OutboxId} not sent, will retry with backoff: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, Guid outboxId, string reason);
}
