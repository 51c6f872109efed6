using AgentLightning.Infrastructure.Messaging.Capture;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Turns each captured send or publish of a DI scope into an outbox row on the scope's DbContext, so it commits
/// or rolls back with the scope's changes. One outbox (state row) per transaction keeps their order.
/// </summary>
public sealed class OutboxStaging(AgentLightningDbContext db, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private EntityEntry<OutboxState>? _state;

    public Task Add<T>(SendContext<T> context) where T : class
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (_state is null || _state.State is EntityState.Unchanged or EntityState.Detached)
            {
                _state = db.Add(new OutboxState { OutboxId = NewId.NextGuid(), CreatedAt = now, NextAttemptAt = now });
            }

            db.Add(OutboxMessage.From(CapturedMessage.From(context, now), _state.Entity.OutboxId, now));
        }

        return Task.CompletedTask;
    }
}
