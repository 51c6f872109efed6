using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Benchmarks.Scenarios.Outbox;

/// <summary>
/// Applies the event in the consumer's transaction (inbox mark + this update + commit) and notes when it
/// arrived. Applying twice would be harmless (same update); the inbox means it happens once.
/// </summary>
public sealed class ItemCommittedConsumer(AgentLightningDbContext db, PipelineClock clock) : IConsumer<ItemCommitted>
{
    public async Task Consume(ConsumeContext<ItemCommitted> context)
    {
        clock.Consumed(context.Message.ItemId);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE tasks SET status = 'completed' WHERE id = {context.Message.ItemId}", context.CancellationToken);
    }
}
