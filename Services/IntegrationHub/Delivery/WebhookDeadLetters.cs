using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AgentLightning.IntegrationHub.Delivery;

/// <summary>
/// A delivery out of retries becomes a dead letter of the backbone's store, in the transaction that records its
/// last attempt: the DeliverWebhook command (only the delivery id: no body, no secret) and the target's last
/// answer. One letter per delivery; replaying it sends the command back to the hub, which delivers once more.
/// </summary>
internal sealed class WebhookDeadLetters(AgentLightningDbContext db, IDeadLetterStore store)
{
    public async Task AddAsync(ConsumeContext<DeliverWebhook> context, WebhookDelivery delivery, WebhookAttempt last)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A failed delivery is dead-lettered in its consumer's transaction (the consumer outbox's).");
        var answer = last.StatusCode is { } status ? $"HTTP {status}: {last.Response}" : last.Error;
        var reason = new ConsumedLetterReason(
            ServiceNames.IntegrationHub, DeadLetterReason.Undeliverable, "WebhookDeliveryFailed",
            $"webhook {delivery.Id} ({delivery.Channel}) to integration {delivery.IntegrationId} failed {delivery.AttemptCount - delivery.AttemptsBeforeRound} times; last answer: {answer}",
            delivery.CreatedAt, last.At);
        var capture = ConsumedLetter.Capture(context, delivery.Id.ToString(), reason);
        var letters = await store.AddAsync([capture], (NpgsqlTransaction)transaction.GetDbTransaction(), context.CancellationToken);
        db.Callbacks.AfterCommit(() =>
        {
            store.CountFailed(letters);
            return Task.CompletedTask;
        });
    }
}
