using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>Where a saga type is stored, read from the EF model once, and how one of its rows is loaded.</summary>
internal sealed class SagaTable<TSaga>(PostgresSagaRepositoryOptions options)
    where TSaga : SagaState
{
    private string? _name;
    private string? _lockSql;

    public SagaConcurrencyMode Concurrency => options.Concurrency;

    /// <summary>The quoted, schema-qualified table name.</summary>
    public string Name(DbContext db) => _name ??= Describe(db).Table;

    /// <summary>Tracked, so the repository's save updates it; in pessimistic mode locked until the transaction ends.</summary>
    public async Task<TSaga?> LoadAsync(DbContext db, Guid correlationId, CancellationToken cancellationToken)
    {
        if (options.Concurrency == SagaConcurrencyMode.Optimistic)
        {
            return await db.Set<TSaga>().AsTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId, cancellationToken);
        }

        // Not composed further, so EF sends the statement as written.
        return (await Locked(db, [correlationId]).ToListAsync(cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The instances a query matches, tracked as <see cref="LoadAsync"/> tracks one. Optimistic: one query, the rows
    /// and their xmin together. Pessimistic: their ids, then those rows locked and the query applied again to what the
    /// lock returns — a row another event changed while this one waited is seen as committed, and is left out when it no
    /// longer matches, as it would have been had the events run one after the other.
    /// </summary>
    public async Task<List<TSaga>> QueryAsync(DbContext db, Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken)
    {
        if (options.Concurrency == SagaConcurrencyMode.Optimistic)
        {
            return await db.Set<TSaga>().AsTracking().Where(filter).ToListAsync(cancellationToken);
        }

        var ids = await db.Set<TSaga>().AsNoTracking().Where(filter).Select(s => s.CorrelationId).ToArrayAsync(cancellationToken);
        return ids.Length == 0 ? [] : await Locked(db, ids).Where(filter).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The rows, locked until the transaction ends and read after the locks are granted (the committed version). Locked in
    /// key order, as every pessimistic load locks, so two events that each lock several rows cannot deadlock. SELECT *
    /// leaves out system columns; the row version is xmin. Composed, EF makes it a subquery; its lock stays its own.
    /// </summary>
    private IQueryable<TSaga> Locked(DbContext db, Guid[] ids)
    {
        if (_lockSql is null)
        {
            var (table, key) = Describe(db);
            _lockSql = $"SELECT *, xmin FROM {table} WHERE {key} = ANY({{0}}) ORDER BY {key} FOR UPDATE";
        }

        return db.Set<TSaga>().FromSqlRaw(_lockSql, ids).AsTracking();
    }

    /// <summary>The column that stores the saga class's <paramref name="property"/>: its name as in the catalog, and quoted for SQL.</summary>
    public (string Name, string Sql) Column(DbContext db, string property)
    {
        var (entity, table) = Mapping(db);
        var name = entity.FindProperty(property)?.GetColumnName(table)
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name}.{property} is not mapped to a column of {table.Name}.");
        return (name, Quote(name));
    }

    private static (string Table, string Key) Describe(DbContext db)
    {
        var (entity, table) = Mapping(db);
        var key = entity.FindProperty(nameof(SagaState.CorrelationId))!.GetColumnName(table)!;
        var name = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        return (name, Quote(key));
    }

    private static (IEntityType Entity, StoreObjectIdentifier Table) Mapping(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TSaga))
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name} is not mapped: add a SagaStateMap<{typeof(TSaga).Name}> to the model.");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
