using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// Maps a saga class in one line (<c>sealed class OrderStateMap() : SagaStateMap&lt;OrderState&gt;("order_sagas");</c>): one table
/// per saga type, the machine's own properties as columns by EF's conventions (override <see cref="ConfigureData"/> for
/// lengths or a jsonb column). The indexes serve the inspection queries, none of which locks a row.
/// </summary>
public abstract class SagaStateMap<TSaga>(string table) : IEntityTypeConfiguration<TSaga>
    where TSaga : SagaState
{
    public void Configure(EntityTypeBuilder<TSaga> saga)
    {
        saga.ToTable(table);
        saga.HasKey(s => s.CorrelationId);
        saga.Property(s => s.CorrelationId).ValueGeneratedNever();
        // Null only between an InsertOnInitial pre-insert and its event's transition, in one transaction.
        saga.Property(s => s.CurrentState).HasMaxLength(SagaState.MaxStateLength);
        saga.Property(s => s.Version).IsRowVersion();

        // Instances in a state, newest or oldest first; stuck ones (not moved since); finished ones for the purge.
        saga.HasIndex(s => new { s.CurrentState, s.UpdatedAt });
        saga.HasIndex(s => s.UpdatedAt);
        saga.HasIndex(s => s.FinishedAt).HasFilter("finished_at IS NOT NULL");
        ConfigureData(saga);
    }

    protected virtual void ConfigureData(EntityTypeBuilder<TSaga> saga)
    {
    }

    /// <summary>
    /// The column a machine writes how its saga ended to (<see cref="SagaOutcomes{TSaga}"/>), and the index the
    /// inspection's outcome filter walks: (outcome, updated_at) over finished rows only, so a row gets its entry once,
    /// when it finishes (every update already touches the updated_at indexes, so none was a HOT update before either).
    /// </summary>
    protected static void HasOutcome(EntityTypeBuilder<TSaga> saga, Expression<Func<TSaga, string?>> outcome, int maxLength)
    {
        var column = saga.Property(outcome).HasMaxLength(maxLength).Metadata.Name;
        saga.HasIndex(column, nameof(SagaState.UpdatedAt)).HasFilter("finished_at IS NOT NULL");
    }
}
