using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Validation;
using MassTransit;

namespace AgentLightning.AgentDesigner.Application;

/// <summary>
/// Every change to an agent, for the HTTP endpoints and the command consumers alike. Events are published in
/// <c>beforeCommit</c> through the caller's publish endpoint (the request's bus outbox or the consume context),
/// so they commit with the change. Refusals are checked before writing; a race the check missed surfaces as the
/// repository's exception (HTTP: 404/409; consumer: a retry that then finds the refusal).
/// </summary>
internal sealed class AgentCommands(AgentRepository agents, KnowledgeCommands knowledge, AgentLightningDbContext db, TimeProvider clock)
{
    public async Task<CommandResult<Agent>> CreateAsync(
        string id, AgentDefinition definition, string? status, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.AgentId(id, "id");
        definition.Validate();
        status ??= AgentStatuses.Active;
        Fields.OneOf(status, AgentStatuses.All, "status");
        if (await agents.GetAsync(id, cancellationToken) is { } existing)
        {
            return definition.Matches(existing) && existing.Status == status
                ? CommandResult<Agent>.Unchanged(existing)
                : CommandResult<Agent>.Conflict(existing, "already exists");
        }

        var agent = new Agent { Id = id, Name = definition.Name, Model = definition.Model, Status = status };
        definition.ApplyTo(agent);
        var created = await agents.CreateAsync(agent, (a, ct) => events.Publish(AgentEvents.Created(a, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<Agent>.Applied(created);
    }

    public async Task<CommandResult<Agent>> UpdateAsync(
        string id, AgentDefinition definition, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.AgentId(id, "id");
        definition.Validate();
        var (_, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var updated = await agents.UpdateAsync(id, definition.ApplyTo, expectedVersion,
            (a, ct) => events.Publish(AgentEvents.Updated(a, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<Agent>.Applied(updated);
    }

    /// <summary>Asking for the status the agent already has changes nothing and publishes nothing.</summary>
    public async Task<CommandResult<Agent>> ChangeStatusAsync(
        string id, string? status, string? reason, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.AgentId(id, "id");
        Fields.OneOf(status, AgentStatuses.All, "status");
        Fields.Optional(reason, "reason", 1_000);
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null || current!.Status == status)
        {
            return refusal ?? CommandResult<Agent>.Unchanged(current!);
        }

        var previous = current.Status;
        var updated = await agents.UpdateAsync(id, a =>
        {
            previous = a.Status;
            a.Status = status!;
        }, expectedVersion,
            (a, ct) => events.Publish(AgentEvents.StatusChanged(a, previous, reason, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<Agent>.Applied(updated);
    }

    public async Task<CommandResult<Agent>> DeleteAsync(string id, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.AgentId(id, "id");
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // Its knowledge goes first, in the same transaction (a consumer's, or one of its own over HTTP): the foreign
        // key refuses the agent's delete while an item refers to it, so an AddKnowledge that raced in fails this
        // transaction (retried, it deletes that item too) or fails itself (its agent is gone).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await knowledge.DeleteAllOfAgentAsync(id, events, cancellationToken);
            await agents.DeleteAsync(id, expectedVersion, (a, ct) =>
            {
                current = a;
                return events.Publish(AgentEvents.Deleted(a, clock.GetUtcNow()), ct);
            }, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch when (transaction is not null)
        {
            // Explicitly, so the rollback callbacks (the items' cache write markers) run now rather than expire.
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }

        return CommandResult<Agent>.Applied(current!);
    }

    private async Task<(Agent? Current, CommandResult<Agent>? Refusal)> LoadAsync(string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await agents.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return (null, CommandResult<Agent>.NotFound(Agent.AggregateType, id));
        }

        return expectedVersion is { } expected && current.Version != expected
            ? (current, CommandResult<Agent>.Conflict(current, $"expected version {expected}, found {current.Version}"))
            : (current, null);
    }
}
