using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.AiModel.Endpoints.Models;

internal sealed record ModelResponse(
    string Name, string Provider, string ProviderModel, int ContextWindow, int MaxConcurrentTasks,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ModelResponse From(RegisteredModel model) => new(
        model.Name, model.Provider, model.ProviderModel, model.ContextWindow, model.MaxConcurrentTasks, model.CreatedAt, model.UpdatedAt, model.Version);
}
