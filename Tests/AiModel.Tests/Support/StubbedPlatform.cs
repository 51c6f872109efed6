using AgentLightning.Contracts.Models;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>A fixture's platform with one instance whose OpenAI provider talks to a <see cref="ChatCompletionsStub"/>, and a model "gpt-stub" on it.</summary>
public abstract class StubbedPlatform(IDictionary<string, string?>? settings = null)
{
    protected ChatCompletionsStub Stub { get; private set; } = null!;

    protected AiModelPlatform Platform { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartPlatform()
    {
        Stub = await ChatCompletionsStub.StartAsync();
        Platform = await AiModelPlatform.StartAsync(instances: 1, settings: Stub.Settings(settings));
        await Platform.CreateModelAsync("gpt-stub", provider: ModelProviders.OpenAi, providerModel: "stub-model");
    }

    [OneTimeTearDown]
    public async Task StopPlatform()
    {
        await Platform.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
