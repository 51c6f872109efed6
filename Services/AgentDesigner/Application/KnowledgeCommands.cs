using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Validation;
using MassTransit;

namespace AgentLightning.AgentDesigner.Application;

/// <summary>Every change to a knowledge item, for the HTTP endpoints and the command consumers alike (see <see cref="AgentCommands"/>).</summary>
internal sealed class KnowledgeCommands(KnowledgeRepository knowledge, AgentRepository agents, TimeProvider clock)
{
    /// <summary>Adding the same item again (a sender's retry) is <see cref="CommandOutcome.Unchanged"/>; different content under its id is a conflict.</summary>
    public async Task<CommandResult<KnowledgeItem>> AddAsync(
        Guid id, string agentId, KnowledgeDefinition definition, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        Fields.AgentId(agentId, "agentId");
        definition.Validate();
        if (await agents.GetAsync(agentId, cancellationToken) is null)
        {
            return CommandResult<KnowledgeItem>.NotFound(Agent.AggregateType, agentId);
        }

        if (await knowledge.GetAsync(id, cancellationToken) is { } existing)
        {
            return existing.AgentId == agentId && definition.Matches(existing)
                ? CommandResult<KnowledgeItem>.Unchanged(existing)
                : CommandResult<KnowledgeItem>.Conflict(existing, "already exists");
        }

        var item = new KnowledgeItem { Id = id, AgentId = agentId, Category = definition.Category, Content = definition.Content };
        definition.ApplyTo(item);
        var added = await knowledge.CreateAsync(item, (k, ct) => events.Publish(KnowledgeEvents.Added(k, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<KnowledgeItem>.Applied(added);
    }

    public async Task<CommandResult<KnowledgeItem>> UpdateAsync(
        Guid id, KnowledgeDefinition definition, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        definition.Validate();
        var (_, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var updated = await knowledge.UpdateAsync(id, definition.ApplyTo, expectedVersion,
            (k, ct) => events.Publish(KnowledgeEvents.Updated(k, clock.GetUtcNow()), ct), cancellationToken);
        return CommandResult<KnowledgeItem>.Applied(updated);
    }

    public async Task<CommandResult<KnowledgeItem>> DeleteAsync(Guid id, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        RequireId(id);
        var (current, refusal) = await LoadAsync(id, expectedVersion, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await knowledge.DeleteAsync(id, expectedVersion, (k, ct) =>
        {
            current = k;
            return events.Publish(KnowledgeEvents.Deleted(k, clock.GetUtcNow()), ct);
        }, cancellationToken);
        return CommandResult<KnowledgeItem>.Applied(current!);
    }

    /// <summary>
    /// Deletes every item of an agent that is being deleted, each announced as KnowledgeDeleted; in the agent's
    /// delete transaction, which can only commit once no item refers to the agent any more.
    /// </summary>
    public async Task DeleteAllOfAgentAsync(string agentId, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        foreach (var id in await knowledge.IdsOfAgentForWriteAsync(agentId, cancellationToken))
        {
            try
            {
                await knowledge.DeleteAsync(id, null, (k, ct) => events.Publish(KnowledgeEvents.Deleted(k, clock.GetUtcNow()), ct), cancellationToken);
            }
            catch (EntityNotFoundException e) when (e.EntityType == KnowledgeItem.AggregateType)
            {
                // Deleted by someone else since the listing: gone is what this wanted. Nothing was written, so the
                // transaction goes on. Regression: deleting the agent answered 404 for an agent that exists.
            }
        }
    }

    private static void RequireId(Guid id)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("'knowledgeId' must not be the empty GUID.", "knowledgeId");
        }
    }

    private async Task<(KnowledgeItem? Current, CommandResult<KnowledgeItem>? Refusal)> LoadAsync(
        Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await knowledge.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return (null, CommandResult<KnowledgeItem>.NotFound(KnowledgeItem.AggregateType, id.ToString()));
        }

        return expectedVersion is { } expected && current.Version != expected
            ? (current, CommandResult<KnowledgeItem>.Conflict(current, $"expected version {expected}, found {current.Version}"))
            : (current, null);
    }
}
