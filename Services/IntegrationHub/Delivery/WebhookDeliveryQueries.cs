using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.IntegrationHub.Delivery;

/// <summary>Reads of deliveries and their attempts, on pooled contexts of their own (never a consumer's transaction).</summary>
internal sealed class WebhookDeliveryQueries(IDbContextFactory<AgentLightningDbContext> contexts)
{
    /// <summary>Newest first, keyset-paged on (created_at, id), as one range scan of the (integration, [status,] created_at, id) index.</summary>
    public async Task<Page<WebhookDelivery>> PageAsync(Guid integrationId, string? status, PageRequest page, CancellationToken cancellationToken)
    {
        _ = page.Size; // a bad limit or cursor is a 400 before any read
        if (status is not null && !WebhookDeliveryStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'status' must be one of {string.Join(", ", WebhookDeliveryStatuses.All)}; got '{status}'.", nameof(status));
        }

        var after = TimeCursor.After(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = after is { } c
            ? db.WebhookDeliveries.FromSql($"SELECT * FROM webhook_deliveries WHERE created_at < {c.At} OR (created_at = {c.At} AND id > {c.Id})")
            : db.WebhookDeliveries;
        deliveries = deliveries.Where(d => d.IntegrationId == integrationId);
        if (status is not null)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        return await deliveries.AsNoTracking().Include(d => d.Attempts).AsSplitQuery()
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .ToPageAsync(page, d => TimeCursor.Keys(d.CreatedAt, d.Id), cancellationToken);
    }

    public async Task<WebhookDelivery?> GetAsync(Guid integrationId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts)
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.IntegrationId == integrationId, cancellationToken);
    }
}
