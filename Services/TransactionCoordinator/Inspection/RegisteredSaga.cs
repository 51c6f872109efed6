using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// A saga type stored by the PostgreSQL repository, as the inspection sees it: its name (as in saga_transitions),
/// its table, its machine's shape, the command that cancels it and the schedules whose tokens it holds.
/// </summary>
internal sealed class RegisteredSaga
{
    private readonly Func<AgentLightningDbContext, Guid, CancellationToken, Task<SagaState?>> _load;
    private readonly Func<SagaState, IReadOnlyList<Guid>> _timeoutTokens;

    private RegisteredSaga(
        string table, MachineShape shape, ISagaCancellation? cancellation,
        Func<AgentLightningDbContext, Guid, CancellationToken, Task<SagaState?>> load, Func<SagaState, IReadOnlyList<Guid>> timeoutTokens, Type type)
    {
        Name = type.Name;
        Table = table;
        Shape = shape;
        Cancellation = cancellation;
        _load = load;
        _timeoutTokens = timeoutTokens;
    }

    public string Name { get; }

    /// <summary>Quoted and schema-qualified, ready for SQL.</summary>
    public string Table { get; }

    public MachineShape Shape { get; }

    public ISagaCancellation? Cancellation { get; }

    /// <summary>The states a saga can wait in: every state but Final (a finished saga is never stuck).</summary>
    public IEnumerable<string> UnfinishedStates => Shape.States.Where(s => s != SagaState.FinalState);

    /// <summary>A plain, untracked read by primary key: no lock, so it answers while an event holds the row.</summary>
    public Task<SagaState?> LoadAsync(AgentLightningDbContext db, Guid id, CancellationToken cancellationToken) => _load(db, id, cancellationToken);

    /// <summary>The tokens of the saga's pending schedules (its timeouts), read from the properties its machine's schedules use.</summary>
    public IReadOnlyList<Guid> TimeoutTokens(SagaState saga) => _timeoutTokens(saga);

    /// <summary>Null when <typeparamref name="TSaga"/> is mapped but not on this repository, or has no machine here.</summary>
    public static RegisteredSaga? Describe<TSaga>(IServiceProvider services, DbContext db)
        where TSaga : SagaState
    {
        if (services.GetService<SagaTable<TSaga>>() is not { } table || services.GetService<SagaStateMachine<TSaga>>() is not { } machine)
        {
            return null;
        }

        // Schedule(() => Timeout, x => x.TokenId, ...) declares a property of the machine; its value reads the token.
        var schedules = machine.GetType().GetProperties()
            .Where(p => typeof(Schedule<TSaga>).IsAssignableFrom(p.PropertyType))
            .Select(p => (Schedule<TSaga>?)p.GetValue(machine))
            .OfType<Schedule<TSaga>>()
            .ToList();
        var cancellation = services.GetServices<ISagaCancellation>().FirstOrDefault(c => c.SagaType == typeof(TSaga));
        return new RegisteredSaga(
            table.Name(db), MachineShape.Of(machine), cancellation,
            async (context, id, cancellationToken) =>
                await context.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == id, cancellationToken),
            saga => [.. schedules.Select(s => s.GetTokenId((TSaga)saga)).OfType<Guid>()],
            typeof(TSaga));
    }
}
