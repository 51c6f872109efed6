using System.Diagnostics;
using System.Text.Json;
using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>
/// The seed's DataAccessLayer for one aggregate type: reads through Redis, writes to PostgreSQL (with an
/// event-log entry in the same transaction), then through to Redis. Writes use the scoped DbContext, so
/// messages staged in <c>beforeCommit</c> through the bus outbox commit with the change.
/// </summary>
public abstract class CachedRepository<TEntity, TId>
    where TEntity : class, IAggregate
    where TId : notnull
{
    private const int MaxConflictRetries = 25;
    private const string AllList = "all";

    private readonly RepositoryServices _services;

    internal CachedRepository(RepositoryServices services) => _services = services;

    protected abstract string EventPrefix { get; }

    public Task<TEntity?> GetAsync(TId id, CancellationToken cancellationToken = default) =>
        CachedReads.GetAsync<TEntity>(_services, KeyOf(id), ct => FindAsync(id, ct), cancellationToken);

    public async Task<IReadOnlyList<TEntity>> ListAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var lookup = await _services.Cache.ReadListAsync<TEntity>(AllList);
        if (lookup is { State: CacheLookupState.Hit, Value: { } cached })
        {
            Record("list", "cache", started);
            return cached;
        }

        var items = lookup.State is CacheLookupState.Miss
            ? await _services.SingleFlight.RunAsync($"{TEntity.AggregateType}:list:{AllList}", async flight =>
            {
                var loaded = await LoadListAsync(flight);
                if (IsFreshEnough(started))
                {
                    await _services.Cache.FillListAsync(lookup, AllList, loaded);
                }

                return loaded;
            }, cancellationToken)
            : await LoadListAsync(cancellationToken);
        Record("list", "database", started);
        return items;
    }

    /// <summary>Creates the aggregate; <see cref="DataConflictException"/> if its id exists.</summary>
    public async Task<TEntity> CreateAsync(
        TEntity entity, Func<TEntity, CancellationToken, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        Validate(entity);
        await using var _ = await _services.Locks.TryAcquireAsync($"{TEntity.AggregateType}:{entity.Key}", cancellationToken);

        // Versions continue across delete and re-create, so cached tombstones and the event log stay ordered.
        var type = TEntity.AggregateType;
        var db = _services.Db;
        var last = await db.EventLog
            .Where(e => e.AggregateType == type && e.AggregateId == entity.Key)
            .MaxAsync(e => (long?)e.Sequence, cancellationToken);
        entity.Version = (last ?? 0) + 1;
        Stamp(entity, _services.Clock.GetUtcNow(), created: true);
        db.Add(entity);
        await CommitAsync(entity, "Created", deleted: false, beforeCommit, cancellationToken);
        return entity;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current state. With an expected version a concurrent change is
    /// a <see cref="DataConflictException"/>; without one the change is re-applied to the newer state, so no
    /// update is ever lost.
    /// </summary>
    public async Task<TEntity> UpdateAsync(
        TId id, Action<TEntity> change, long? expectedVersion = null,
        Func<TEntity, CancellationToken, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(id);

        // Inside a caller's transaction (a consumer's) the lock would be let go before the commit, so a second writer
        // could still load the row this one changes and lose the race: it would cost two Redis round trips for
        // nothing. Commands about one aggregate are serialised before their transaction instead (CommandPartitioning).
        await using var _ = expectedVersion is null && _services.Db.Database.CurrentTransaction is null
            ? await _services.Locks.TryAcquireAsync($"{TEntity.AggregateType}:{key}", cancellationToken)
            : null;
        for (var attempt = 1; ; attempt++)
        {
            var entity = await LoadForWriteAsync(id, expectedVersion, cancellationToken);
            change(entity);
            Validate(entity);
            entity.Version++;
            Stamp(entity, _services.Clock.GetUtcNow(), created: false);
            try
            {
                await CommitAsync(entity, "Updated", deleted: false, beforeCommit, cancellationToken);
                return entity;
            }
            catch (DataConflictException) when (expectedVersion is null && attempt < MaxConflictRetries && _services.Db.Database.CurrentTransaction is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
            }
        }
    }

    public async Task DeleteAsync(
        TId id, long? expectedVersion = null, Func<TEntity, CancellationToken, Task>? beforeCommit = null,
        CancellationToken cancellationToken = default)
    {
        var entity = await LoadForWriteAsync(id, expectedVersion, cancellationToken);
        _services.Db.Remove(entity);
        entity.Version++;
        await CommitAsync(entity, "Deleted", deleted: true, beforeCommit, cancellationToken);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for invalid state (HTTP 400).</summary>
    protected abstract void Validate(TEntity entity);

    protected abstract void Stamp(TEntity entity, DateTimeOffset now, bool created);

    protected abstract IQueryable<TEntity> OrderForList(IQueryable<TEntity> query);

    private static string KeyOf(TId id) => id.ToString()!;

    private async Task<TEntity> LoadForWriteAsync(TId id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var entity = await _services.Db.Set<TEntity>().FindAsync([id], cancellationToken)
            ?? throw new EntityNotFoundException(TEntity.AggregateType, KeyOf(id));
        if (expectedVersion is { } expected && entity.Version != expected)
        {
            throw new DataConflictException(TEntity.AggregateType, KeyOf(id), $"expected version {expected}, found {entity.Version}");
        }

        return entity;
    }

    /// <summary>
    /// Saves the change with its event-log entry. Outside an explicit transaction the save is the commit and the
    /// cache follows at once; inside one (a consumer's) the cache waits for the transaction's outcome.
    /// </summary>
    private async Task CommitAsync(
        TEntity entity, string change, bool deleted, Func<TEntity, CancellationToken, Task>? beforeCommit,
        CancellationToken cancellationToken)
    {
        var db = _services.Db;
        var logged = db.EventLog.Add(new LoggedEvent
        {
            AggregateType = TEntity.AggregateType,
            AggregateId = entity.Key,
            Sequence = entity.Version,
            EventType = EventPrefix + change,
            Data = JsonSerializer.Serialize(entity, CacheEntry.Json),
            Service = _services.ServiceName,
            OccurredAt = _services.Clock.GetUtcNow(),
            CausationId = _services.CausationId,
        }).Entity;
        if (beforeCommit is not null)
        {
            await beforeCommit(entity, cancellationToken);
        }

        var inTransaction = db.Database.CurrentTransaction is not null;
        var mark = await CacheWrites.MarkAsync<TEntity>(_services.Cache, db, entity.Key, entity.Version);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e)
        {
            Forget(db, inTransaction, entity, logged);

            // Only a statement PostgreSQL refused certainly did not commit. A lost connection or a timeout may come
            // after the COMMIT took effect: the marker stays and expires, or a reader that read the old row could
            // fill it over the committed write.
            if (PostgresErrors.IsRefused(e))
            {
                await CacheWrites.RefusedAsync<TEntity>(_services.Cache, db, mark, entity.Key, entity.Version);
            }

            var translated = PostgresErrors.Translate(e, TEntity.AggregateType, entity.Key);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }

            throw translated;
        }

        _services.Metrics.RecordTransaction(Stopwatch.GetElapsedTime(started));
        await CacheWrites.SavedAsync(_services.Cache, db, mark, entity.Key, entity.Version, deleted ? null : entity);
    }

    /// <summary>
    /// A failed save must not be retried by the next one: alone, the whole unit of work is dropped; inside a
    /// caller's transaction only this change is, and the caller's transaction is failing anyway.
    /// </summary>
    private static void Forget(AgentLightningDbContext db, bool inTransaction, TEntity entity, LoggedEvent logged)
    {
        if (!inTransaction)
        {
            db.ChangeTracker.Clear();
            db.CacheMarks.End();
            return;
        }

        db.Entry(entity).State = EntityState.Detached;
        db.Entry(logged).State = EntityState.Detached;
    }

    /// <summary>The aggregate as PostgreSQL has it now, on a pooled context of its own (what a cache miss loads).</summary>
    internal Task<TEntity?> FindAsync(TId id, CancellationToken cancellationToken) =>
        ReadAsync(db => db.Set<TEntity>().FindAsync([id], cancellationToken).AsTask(), cancellationToken);

    private Task<IReadOnlyList<TEntity>> LoadListAsync(CancellationToken cancellationToken) =>
        ReadAsync(async db => (IReadOnlyList<TEntity>)await OrderForList(db.Set<TEntity>().AsNoTracking()).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>A read on a pooled context of its own, outside any write, retried on transient failures.</summary>
    private protected async Task<T> ReadAsync<T>(Func<AgentLightningDbContext, Task<T>> query, CancellationToken cancellationToken) =>
        await _services.Resilience.Postgres.ExecuteAsync(async ct =>
        {
            await using var db = await _services.ReadContexts.CreateDbContextAsync(ct);
            return await query(db);
        }, cancellationToken);

    /// <summary>A read on plain Npgsql (no context, no tracking) for the hottest queries, retried on transient failures.</summary>
    private protected async Task<T> ReadPlainAsync<T>(Func<NpgsqlDataSource, CancellationToken, Task<T>> query, CancellationToken cancellationToken) =>
        await _services.Resilience.Postgres.ExecuteAsync(async ct => await query(_services.Postgres, ct), cancellationToken);

    private bool IsFreshEnough(long started) => CachedReads.IsFreshEnough(_services, started);

    private void Record(string operation, string source, long started) => CachedReads.Record<TEntity>(_services, operation, source, started);
}
