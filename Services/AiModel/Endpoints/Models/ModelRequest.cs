using AgentLightning.AiModel.Application;

namespace AgentLightning.AiModel.Endpoints.Models;

/// <summary>The body of POST /models (with its name) and PUT /models/{name} (the name in the path).</summary>
internal sealed record ModelRequest(string? Name, string? Provider, string? ProviderModel, int? ContextWindow, int? MaxConcurrentTasks)
{
    public ModelDefinition ToDefinition() => new(Provider, ProviderModel, ContextWindow, MaxConcurrentTasks);
}
