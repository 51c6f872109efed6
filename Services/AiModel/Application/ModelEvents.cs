using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.AiModel.Application;

/// <summary>The events of a model, built from its state after the change (so they carry the new version).</summary>
internal static class ModelEvents
{
    public static ModelCreated Created(RegisteredModel model, DateTimeOffset at) => new()
    {
        Name = model.Name,
        Provider = model.Provider,
        ProviderModel = model.ProviderModel,
        ContextWindow = model.ContextWindow,
        MaxConcurrentTasks = model.MaxConcurrentTasks,
        Version = model.Version,
        OccurredAt = at,
    };

    public static ModelUpdated Updated(RegisteredModel model, DateTimeOffset at) => new()
    {
        Name = model.Name,
        Provider = model.Provider,
        ProviderModel = model.ProviderModel,
        ContextWindow = model.ContextWindow,
        MaxConcurrentTasks = model.MaxConcurrentTasks,
        Version = model.Version,
        OccurredAt = at,
    };

    public static ModelDeleted Deleted(RegisteredModel model, DateTimeOffset at) => new() { Name = model.Name, Version = model.Version, OccurredAt = at };
}
