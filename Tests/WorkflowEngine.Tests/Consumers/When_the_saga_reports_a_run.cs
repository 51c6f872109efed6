using System.Net;
using System.Text.Json;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Consumers;

/// <summary>The run shows what the saga's events say, in the saga's version order whatever order they arrive in.</summary>
public sealed class When_the_saga_reports_a_run
{
    [Test]
    public async Task Should_show_the_run_and_each_step_as_the_events_report_them()
    {
        var (workflow, run) = await StartRunAsync();

        await PublishAsync(new WorkflowStarted { RunId = run, WorkflowId = workflow, Name = "w", Steps = [], Version = 1, OccurredAt = DateTimeOffset.UtcNow });
        await PublishAsync(new WorkflowStepCompleted
        {
            RunId = run, WorkflowId = workflow, StepIndex = 0, StepName = "fetch", TaskId = Guid.NewGuid(),
            Result = JsonSerializer.Deserialize<JsonElement>("{\"rows\":3}"), Version = 2, OccurredAt = DateTimeOffset.UtcNow,
        });
        var running = await UntilAsync(workflow, run, r => r.Text("status") == "running" && r.GetProperty("steps")[0].Text("status") == "completed");
        await PublishAsync(new WorkflowFailed { RunId = run, WorkflowId = workflow, StepIndex = 1, ErrorMessage = "model down", Version = 3, OccurredAt = DateTimeOffset.UtcNow });
        var failed = await UntilAsync(workflow, run, r => r.Text("status") == "failed");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(running.Text("status"), Is.EqualTo("running"));
            Assert.That(running.GetProperty("steps")[0].GetProperty("result").GetProperty("rows").GetInt32(), Is.EqualTo(3));
            Assert.That(running.GetProperty("steps")[1].Text("status"), Is.EqualTo("pending"));
            Assert.That(failed.Text("errorMessage"), Is.EqualTo("model down"));
            Assert.That(failed.GetProperty("steps")[1].Text("status"), Is.EqualTo("failed"));
            Assert.That(failed.GetProperty("version").GetInt64(), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Should_not_let_a_late_older_event_overwrite_a_newer_state()
    {
        var (workflow, run) = await StartRunAsync();

        await PublishAsync(new WorkflowCompleted { RunId = run, WorkflowId = workflow, Version = 4, OccurredAt = DateTimeOffset.UtcNow });
        await UntilAsync(workflow, run, r => r.Text("status") == "completed");
        var late = await PublishAsync(new WorkflowStarted { RunId = run, WorkflowId = workflow, Name = "w", Steps = [], Version = 1, OccurredAt = DateTimeOffset.UtcNow });
        await Commands.UntilConsumedAsync(late);

        var shown = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs/{run}", Viewer).JsonAsync(HttpStatusCode.OK);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown.Text("status"), Is.EqualTo("completed"));
            Assert.That(shown.GetProperty("version").GetInt64(), Is.EqualTo(4));
        }
    }

    private static async Task<(Guid Workflow, Guid Run)> StartRunAsync()
    {
        var agent = await Platform.AgentAsync();
        var workflow = await CreateWorkflowAsync(Step("fetch", agent), Step("summarise", agent));
        var run = await Platform.Client.CallAsync("POST", $"/workflows/{workflow}/runs", Operator, new { }).JsonAsync(HttpStatusCode.Accepted);
        return (workflow, Guid.Parse(run.Text("runId")));
    }

    /// <summary>As the saga would publish it, under a MessageId the test knows.</summary>
    private static async Task<Guid> PublishAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await Platform.Peer.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        return id;
    }

    private static async Task<JsonElement> UntilAsync(Guid workflow, Guid run, Func<JsonElement, bool> shows)
    {
        JsonElement last = default;
        await Eventually.Until(async () =>
        {
            last = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs/{run}", Viewer).JsonAsync(HttpStatusCode.OK);
            return shows(last);
        }, $"run {run} shows the events");
        return last;
    }
}
