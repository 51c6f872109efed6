using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// Every saga type of this service on the PostgreSQL repository, found once: the saga classes of the EF model that
/// <c>.PostgresRepository()</c> registered a table for and a machine runs. Sorted by name (the list's order among types).
/// </summary>
internal sealed class SagaRegistry(IServiceProvider services, IDbContextFactory<AgentLightningDbContext> contexts)
{
    private readonly Lazy<IReadOnlyList<RegisteredSaga>> _all = new(() =>
    {
        using var db = contexts.CreateDbContext();
        var describe = typeof(RegisteredSaga).GetMethod(nameof(RegisteredSaga.Describe))!;
        return
        [
            .. db.Model.GetEntityTypes()
                .Select(e => e.ClrType)
                .Where(t => typeof(SagaState).IsAssignableFrom(t))
                .Select(t => (RegisteredSaga?)describe.MakeGenericMethod(t).Invoke(null, [services, db]))
                .OfType<RegisteredSaga>()
                .OrderBy(s => s.Name, StringComparer.Ordinal),
        ];
    });

    public IReadOnlyList<RegisteredSaga> All => _all.Value;

    /// <summary>The one type asked for, or every type; <see cref="ArgumentException"/> (400) for a type not registered here.</summary>
    public IReadOnlyList<RegisteredSaga> Select(string? type) =>
        string.IsNullOrEmpty(type)
            ? All
            : All.Where(s => s.Name == type).ToList() is { Count: 1 } one
                ? one
                : throw new ArgumentException($"'{type}' is not a saga type of this service; GET /sagas/types lists them.", nameof(type));
}
