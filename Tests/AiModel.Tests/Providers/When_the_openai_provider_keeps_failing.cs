using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;

namespace AgentLightning.AiModel.Tests.Providers;

/// <summary>The OpenAI provider's circuit breaker: after enough failures, tasks fail fast without calling the provider.</summary>
public sealed class When_the_openai_provider_keeps_failing
{
    private ChatCompletionsStub _stub = null!;
    private AiModelPlatform _platform = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _stub = await ChatCompletionsStub.StartAsync();
        _platform = await AiModelPlatform.StartAsync(instances: 1, settings: _stub.Settings(new Dictionary<string, string?>
        {
            ["AiModel:OpenAi:Resilience:CircuitBreaker:MinimumThroughput"] = "2",
            ["AiModel:OpenAi:Resilience:CircuitBreaker:FailureRatio"] = "0.5",
            ["AiModel:OpenAi:Resilience:CircuitBreaker:BreakDuration"] = "00:00:30",
        }));
        await _platform.CreateModelAsync("gpt-stub", provider: ModelProviders.OpenAi, providerModel: "stub-model");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _platform.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Test]
    public async Task Should_open_the_circuit_and_fail_the_next_task_without_calling_the_provider()
    {
        var broken = AiModelPlatform.Task("gpt-stub", "broken again");
        await _platform.SendAsync(broken);
        Assert.That(await _platform.UntilOutcomeAsync(broken.TaskId), Is.TypeOf<FailTask>());

        var next = AiModelPlatform.Task("gpt-stub", "a healthy request");
        await _platform.SendAsync(next);
        var outcome = await _platform.UntilOutcomeAsync(next.TaskId);

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Does.Contain("circuit").IgnoreCase);
        Assert.That(_stub.AttemptsOf("a healthy request"), Is.Zero, "the open circuit kept the call from the provider");
    }
}
