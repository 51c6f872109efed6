using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;

namespace AgentLightning.AiModel.Application;

/// <summary>
/// Every change to the model registry. Events are published in <c>beforeCommit</c> through the caller's publish
/// endpoint (the request's bus outbox), so they commit with the change.
/// </summary>
internal sealed class ModelCommands(ModelRepository models, TimeProvider clock)
{
    public async Task<RegisteredModel> CreateAsync(string? name, ModelDefinition definition, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var model = new RegisteredModel { Name = name ?? "", Provider = "", ProviderModel = "" };
        definition.ApplyTo(model);
        if (!string.IsNullOrEmpty(name) && await models.GetAsync(name, cancellationToken) is not null)
        {
            throw new DataConflictException(RegisteredModel.AggregateType, name, "already exists");
        }

        return await models.CreateAsync(model, (m, ct) => events.Publish(ModelEvents.Created(m, clock.GetUtcNow()), ct), cancellationToken);
    }

    public Task<RegisteredModel> UpdateAsync(
        string name, ModelDefinition definition, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken) =>
        models.UpdateAsync(name, definition.ApplyTo, expectedVersion,
            (m, ct) => events.Publish(ModelEvents.Updated(m, clock.GetUtcNow()), ct), cancellationToken);

    /// <summary>Tasks already waiting for a deleted model fail when the executor comes to them (their model is gone).</summary>
    public Task DeleteAsync(string name, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken) =>
        models.DeleteAsync(name, expectedVersion, (m, ct) => events.Publish(ModelEvents.Deleted(m, clock.GetUtcNow()), ct), cancellationToken);
}
