using System.Text.Json;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.IntegrationHub.Delivery;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.IntegrationHub.Consumers;

/// <summary>
/// Every platform event (one generic consumer, <see cref="EventFeed"/>): for each active webhook whose patterns
/// match, one delivery row and its DeliverWebhook command, committed together with the inbox mark. The delivery's
/// id comes from the event's and the integration's, so a redelivered event finds its deliveries made.
/// </summary>
internal sealed class WebhookEventConsumer<T>(
    AgentLightningDbContext db, IntegrationRepository integrations, IOptions<MessagingOptions> messaging, TimeProvider clock)
    : IConsumer<T>
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public async Task Consume(ConsumeContext<T> context)
    {
        var webhooks = await integrations.ActiveWebhooksAsync(context.CancellationToken);
        if (webhooks.Count == 0)
        {
            return;
        }

        var platformEvent = PlatformEvent.From(context);
        var matching = webhooks.Where(w => w.Wants(platformEvent)).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        var ids = matching.ToDictionary(w => DeliveryIds.Of(platformEvent.EventId, w.Id));
        var made = await db.WebhookDeliveries.Where(d => ids.Keys.Contains(d.Id)).Select(d => d.Id).ToListAsync(context.CancellationToken);
        var body = JsonSerializer.Serialize(platformEvent, Json);

        // Through this consume context, so the commands go out with the transaction's outbox, after the rows commit.
        var hub = await context.GetSendEndpoint(new Uri($"exchange:{CommandRouting.QueueOf(typeof(DeliverWebhook), messaging.Value.QueuePrefix)}"));
        foreach (var (id, webhook) in ids.Where(d => !made.Contains(d.Key)))
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = id,
                IntegrationId = webhook.Id,
                EventId = platformEvent.EventId,
                Channel = platformEvent.Channel,
                Body = body,
                Status = WebhookDeliveryStatuses.Pending,
                CreatedAt = clock.GetUtcNow(),
            });
            await hub.Send(new DeliverWebhook { DeliveryId = id }, send => send.Headers.Set(CommandHeaders.Command, true), context.CancellationToken);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
