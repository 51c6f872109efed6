using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.AiModel.Application;

/// <summary>What a caller sets on a model; the repository validates the result (a 400 for what it refuses).</summary>
internal sealed record ModelDefinition(string? Provider, string? ProviderModel, int? ContextWindow, int? MaxConcurrentTasks)
{
    public void ApplyTo(RegisteredModel model)
    {
        model.Provider = Provider ?? "";
        model.ProviderModel = ProviderModel ?? "";
        model.ContextWindow = ContextWindow ?? throw new ArgumentException("'contextWindow' is required.", "contextWindow");
        model.MaxConcurrentTasks = MaxConcurrentTasks ?? throw new ArgumentException("'maxConcurrentTasks' is required.", "maxConcurrentTasks");
    }
}
