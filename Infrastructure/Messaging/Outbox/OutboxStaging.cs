using AgentLightning.Infrastructure.Messaging.Capture;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Turns each captured send or publish of a DI scope into an outbox row on the scope's DbContext, so it commits
/// or rolls back with the scope's changes. One outbox (state row) per transaction keeps their order, and so does
/// <see cref="StagedSince"/>, where a saga's save finds what it sent.
/// </summary>
public sealed class OutboxStaging(AgentLightningDbContext db, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<OutboxMessage> _staged = [];
    private EntityEntry<OutboxState>? _state;

    /// <summary>How many messages the scope has staged so far: a mark for <see cref="StagedSince"/>.</summary>
    public int StagedCount
    {
        get
        {
            lock (_gate)
            {
                return _staged.Count;
            }
        }
    }

    /// <summary>The messages staged after <paramref name="mark"/>, in order (saved since, some of them may be).</summary>
    public IReadOnlyList<OutboxMessage> StagedSince(int mark)
    {
        lock (_gate)
        {
            return _staged[mark..];
        }
    }

    public Task Add<T>(SendContext<T> context) where T : class
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (_state is null || _state.State is EntityState.Unchanged or EntityState.Detached)
            {
                _state = db.Add(new OutboxState { OutboxId = NewId.NextGuid(), CreatedAt = now, NextAttemptAt = now });
            }

            var message = OutboxMessage.From(CapturedMessage.From(context, now), _state.Entity.OutboxId, now);
            db.Add(message);
            _staged.Add(message);
        }

        return Task.CompletedTask;
    }
}
