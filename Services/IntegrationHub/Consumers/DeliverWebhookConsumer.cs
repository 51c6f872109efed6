using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.IntegrationHub.Delivery;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.IntegrationHub.Consumers;

/// <summary>
/// One attempt of a delivery, with the delivery's row locked so two copies of the command never POST it at once.
/// The attempt, the next one's schedule (PostgreSQL scheduler) or the dead letter commit in one transaction with
/// the inbox mark. A delivered delivery is never POSTed again; a failed one only when its dead letter is replayed,
/// which starts a new round of retries under the same webhook-id.
/// </summary>
internal sealed partial class DeliverWebhookConsumer(
    AgentLightningDbContext db, IntegrationRepository integrations, WebhookClient client, WebhookDeadLetters deadLetters,
    IOptions<WebhookDeliveryOptions> options, TimeProvider clock, ILogger<DeliverWebhookConsumer> logger) : IConsumer<DeliverWebhook>
{
    public async Task Consume(ConsumeContext<DeliverWebhook> context)
    {
        var id = context.Message.DeliveryId;
        var delivery = (await db.WebhookDeliveries.FromSql($"SELECT * FROM webhook_deliveries WHERE id = {id} FOR UPDATE")
            .ToListAsync(context.CancellationToken)).SingleOrDefault();
        if (delivery is null || !Starts(context, delivery))
        {
            return;
        }

        var integration = await integrations.GetAsync(delivery.IntegrationId, context.CancellationToken);
        var secret = (await integrations.SecretsAsync(delivery.IntegrationId, context.CancellationToken))?.Secret;
        if (integration is null || secret is null)
        {
            LogGone(logger, id, delivery.IntegrationId);
            return;
        }

        var attempt = await client.PostAsync(new Uri(integration.Url), secret, delivery.Id, delivery.Body, context.CancellationToken);
        attempt.DeliveryId = delivery.Id;
        attempt.Number = ++delivery.AttemptCount;
        db.Add(attempt);
        await FinishAsync(context, delivery, attempt);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>Whether to attempt: pending, or failed and brought back by a replay of its dead letter.</summary>
    private bool Starts(ConsumeContext<DeliverWebhook> context, WebhookDelivery delivery)
    {
        if (delivery.Status == WebhookDeliveryStatuses.Failed && ConsumedLetter.ReplayCountOf(context) > 0)
        {
            delivery.Status = WebhookDeliveryStatuses.Pending;
            delivery.AttemptsBeforeRound = delivery.AttemptCount;
        }

        if (delivery.Status != WebhookDeliveryStatuses.Pending)
        {
            LogNotPending(logger, delivery.Id, delivery.Status);
            return false;
        }

        return true;
    }

    private async Task FinishAsync(ConsumeContext<DeliverWebhook> context, WebhookDelivery delivery, WebhookAttempt attempt)
    {
        var delays = options.Value.Delays;
        var retry = delivery.AttemptCount - delivery.AttemptsBeforeRound;
        if (attempt.Succeeded)
        {
            delivery.Status = WebhookDeliveryStatuses.Delivered;
            delivery.DeliveredAt = attempt.At;
            delivery.NextAttemptAt = null;
        }
        else if (retry <= delays.Count)
        {
            var delay = delays[retry - 1];
            delivery.NextAttemptAt = clock.GetUtcNow() + delay;
            // A copy of this command under an id of its own; a replay's count goes with its retries, so the letter of
            // a failed replay is the replayed letter's again.
            var replayCount = ConsumedLetter.ReplayCountOf(context);
            await context.ScheduleSend(context.ReceiveContext.InputAddress, delay, context.Message, new CopyContextPipe(context, (_, send) =>
            {
                send.MessageId = NewId.NextGuid();
                if (replayCount > 0)
                {
                    send.Headers.Set(ConsumedLetter.ReplayCountHeader, replayCount);
                }
            }), context.CancellationToken);
        }
        else
        {
            delivery.Status = WebhookDeliveryStatuses.Failed;
            delivery.NextAttemptAt = null;
            await deadLetters.AddAsync(context, delivery, attempt);
            LogFailed(logger, delivery.Id, delivery.IntegrationId, retry, attempt.Error);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Webhook delivery {DeliveryId} is {Status}: nothing to do")]
    private static partial void LogNotPending(ILogger logger, Guid deliveryId, string status);

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId}: integration {IntegrationId} is gone; not delivered")]
    private static partial void LogGone(ILogger logger, Guid deliveryId, Guid integrationId);

    [LoggerMessage(LogLevel.Warning, "Webhook delivery {DeliveryId} to integration {IntegrationId} failed {Attempts} times ({Error}); kept as a dead letter")]
    private static partial void LogFailed(ILogger logger, Guid deliveryId, Guid integrationId, int attempts, string? error);
}
