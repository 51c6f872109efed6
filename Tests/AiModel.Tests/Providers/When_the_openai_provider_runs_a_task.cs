using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;

namespace AgentLightning.AiModel.Tests.Providers;

/// <summary>A model on the OpenAI-compatible provider, against a stub chat-completions server the test starts.</summary>
public sealed class When_the_openai_provider_runs_a_task() : StubbedPlatform
{
    [Test]
    public async Task Should_complete_it_with_the_answer_after_retrying_a_transient_failure()
    {
        var task = AiModelPlatform.Task("gpt-stub", "flaky: name three colours");

        var outcome = await Platform.UntilOutcomeAsync(await SendAsync(task));

        Assert.That(outcome, Is.TypeOf<CompleteTask>(), outcome.ToString());
        var result = ((CompleteTask)outcome).Result!.Value;
        var request = Stub.Requests.Last(r => r.Body.GetRawText().Contains("name three colours", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo("stub says: flaky: name three colours"));
            Assert.That(result.GetProperty("completionTokens").GetInt32(), Is.EqualTo(5));
            Assert.That(Stub.AttemptsOf("flaky: name three colours"), Is.EqualTo(2), "one 503, one retry");
            Assert.That(request.Authorization, Is.EqualTo("Bearer test-key"));
            Assert.That(request.Body.GetProperty("model").GetString(), Is.EqualTo("stub-model"));
        });
    }

    [Test]
    public async Task Should_fail_it_with_the_providers_answer_when_every_retry_fails()
    {
        var task = AiModelPlatform.Task("gpt-stub", "broken request");

        var outcome = await Platform.UntilOutcomeAsync(await SendAsync(task));

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Does.StartWith("openai model 'gpt-stub' failed: the provider answered 500"));
        Assert.That(Stub.AttemptsOf("broken request"), Is.EqualTo(3), "the first try and two retries");
    }

    [Test]
    public async Task Should_fail_it_when_the_provider_does_not_answer_in_time()
    {
        var task = AiModelPlatform.Task("gpt-stub", "slow request");

        var outcome = await Platform.UntilOutcomeAsync(await SendAsync(task));

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Does.Contain("timeout").IgnoreCase);
    }

    private async Task<Guid> SendAsync(ExecuteTask task)
    {
        await Platform.SendAsync(task);
        return task.TaskId;
    }
}
