using AgentLightning.AiModel.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>A fixture's platform whose instances all run tasks on one <see cref="ProbeProvider"/> instead of the local provider.</summary>
public abstract class ProbedPlatform(int instances, TimeSpan taskDuration, IDictionary<string, string?>? settings = null)
{
    internal ProbeProvider Probe { get; } = new(taskDuration);

    protected AiModelPlatform Platform { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartPlatform()
    {
        Platform = await AiModelPlatform.StartAsync(instances, settings, configure: b => b.Services.AddSingleton<ICompletionProvider>(Probe));
        await CreateModelsAsync();
    }

    [OneTimeTearDown]
    public async Task StopPlatform()
    {
        Probe.ReleaseAll();
        await Platform.DisposeAsync();
    }

    protected abstract Task CreateModelsAsync();
}
