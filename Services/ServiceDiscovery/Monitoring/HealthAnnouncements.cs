using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.ServiceDiscovery.Monitoring;

/// <summary>
/// Moves a service's announced health from what the monitor read to what it sees now, and publishes
/// <see cref="ServiceHealthChanged"/> in the same transaction. The move is conditional on the old value, so when
/// several monitors see one change, the row lock lets the first update land and the others' find no row: one event.
/// </summary>
internal sealed class HealthAnnouncements(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>True when this call announced the change; false when another monitor did (or the health moved meanwhile).</summary>
    public async Task<bool> AnnounceAsync(string service, string? previous, string status, string detail, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
        var events = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = previous is null
            ? await db.Database.ExecuteSqlAsync(
                $"INSERT INTO service_health (service, status, changed_at) VALUES ({service}, {status}, {now}) ON CONFLICT (service) DO NOTHING",
                cancellationToken)
            : await db.Database.ExecuteSqlAsync(
                $"UPDATE service_health SET status = {status}, changed_at = {now} WHERE service = {service} AND status = {previous}",
                cancellationToken);
        if (moved != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await events.Publish(new ServiceHealthChanged { Service = service, PreviousStatus = previous, Status = status, Detail = detail, OccurredAt = now }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
