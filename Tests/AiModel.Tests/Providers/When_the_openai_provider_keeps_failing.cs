using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;

namespace AgentLightning.AiModel.Tests.Providers;

/// <summary>The OpenAI provider's circuit breaker: after enough failures, tasks fail fast without calling the provider.</summary>
public sealed class When_the_openai_provider_keeps_failing() : StubbedPlatform(new Dictionary<string, string?>
{
    ["AiModel:OpenAi:Resilience:CircuitBreaker:MinimumThroughput"] = "2",
    ["AiModel:OpenAi:Resilience:CircuitBreaker:FailureRatio"] = "0.5",
    ["AiModel:OpenAi:Resilience:CircuitBreaker:BreakDuration"] = "00:00:30",
})
{
    [Test]
    public async Task Should_open_the_circuit_and_fail_the_next_task_without_calling_the_provider()
    {
        var broken = AiModelPlatform.Task("gpt-stub", "broken again");
        await Platform.SendAsync(broken);
        Assert.That(await Platform.UntilOutcomeAsync(broken.TaskId), Is.TypeOf<FailTask>());

        var next = AiModelPlatform.Task("gpt-stub", "a healthy request");
        await Platform.SendAsync(next);
        var outcome = await Platform.UntilOutcomeAsync(next.TaskId);

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Does.Contain("circuit").IgnoreCase);
        Assert.That(Stub.AttemptsOf("a healthy request"), Is.Zero, "the open circuit kept the call from the provider");
    }
}
