namespace AgentLightning.AiModel.Providers;

/// <summary>
/// The registered providers by name, resolved per task (typed HTTP clients are transient); a later registration
/// of a name replaces an earlier one, so a test can plug in a probe.
/// </summary>
internal sealed class ProviderCatalog(IServiceProvider services)
{
    public ICompletionProvider Get(string name) =>
        services.GetServices<ICompletionProvider>().LastOrDefault(p => p.Name == name)
            ?? throw new InvalidOperationException($"no provider '{name}' is configured in this AI Model service");
}
