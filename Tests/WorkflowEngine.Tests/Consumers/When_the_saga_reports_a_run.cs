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
        await PublishAsync(new WorkflowStarted { RunId = run, WorkflowId = workflow, Name = "w", Steps = [], Version = 1, OccurredAt = DateTimeOffset.UtcNow });
        await PublishAsync(new WorkflowCompleted { RunId = run, WorkflowId = workflow, Version = 2, OccurredAt = DateTimeOffset.UtcNow });
        await UntilAsync(workflow, run, r => r.Text("status") == "completed");

        // The first event again, under another message id (a replay, or a redelivery after the inbox forgot it).
        var late = await PublishAsync(new WorkflowStarted { RunId = run, WorkflowId = workflow, Name = "w", Steps = [], Version = 1, OccurredAt = DateTimeOffset.UtcNow });
        await Commands.UntilConsumedAsync(late);

        var shown = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs/{run}", Viewer).JsonAsync(HttpStatusCode.OK);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown.Text("status"), Is.EqualTo("completed"));
            Assert.That(shown.GetProperty("version").GetInt64(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Should_apply_an_event_that_overtook_the_one_before_it_after_that_one()
    {
        await RecordRunRowsAsync();
        var (workflow, run) = await StartRunAsync();
        await PublishAsync(new WorkflowStarted { RunId = run, WorkflowId = workflow, Name = "w", Steps = [], Version = 1, OccurredAt = DateTimeOffset.UtcNow });
        await UntilAsync(workflow, run, r => r.Text("status") == "running");

        // The run's end arrives before its last step, which the saga published first.
        var end = await PublishAsync(new WorkflowCompleted { RunId = run, WorkflowId = workflow, Version = 3, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.Until(async () => await Platform.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM scheduled_messages WHERE message_id = '{end}'") > 0, "the end refused and scheduled for redelivery");
        await PublishAsync(new WorkflowStepCompleted
        {
            RunId = run, WorkflowId = workflow, StepIndex = 1, StepName = "summarise", TaskId = Guid.NewGuid(), Version = 2, OccurredAt = DateTimeOffset.UtcNow,
        });

        var shown = await UntilAsync(workflow, run, r => r.Text("status") == "completed");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown.GetProperty("steps")[1].Text("status"), Is.EqualTo("completed"));
            Assert.That(shown.GetProperty("version").GetInt64(), Is.EqualTo(3));
            Assert.That(await Platform.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM run_row_history WHERE run_id = '{run}' AND status = 'completed' AND last_step_status <> 'completed'"),
                Is.Zero, "the run was shown ended while its last step, published before the end, was pending");
        }
    }

    [Test]
    public async Task Should_never_show_a_run_ended_before_its_last_step_published_with_it()
    {
        await RecordRunRowsAsync();
        var runs = new List<(Guid Workflow, Guid Run)>();
        for (var i = 0; i < 12; i++)
        {
            runs.Add(await StartRunAsync());
        }

        // As the saga publishes a run's last step and its end: together, in this order.
        var last = Guid.Empty;
        foreach (var (workflow, run) in runs)
        {
            await PublishAsync(new WorkflowStarted { RunId = run, WorkflowId = workflow, Name = "w", Steps = [], Version = 1, OccurredAt = DateTimeOffset.UtcNow });
            await PublishAsync(new WorkflowStepCompleted
            {
                RunId = run, WorkflowId = workflow, StepIndex = 1, StepName = "summarise", TaskId = Guid.NewGuid(), Version = 2, OccurredAt = DateTimeOffset.UtcNow,
            });
            last = await PublishAsync(new WorkflowCompleted { RunId = run, WorkflowId = workflow, Version = 3, OccurredAt = DateTimeOffset.UtcNow });
        }

        await Commands.UntilConsumedAsync(last);
        var ids = string.Join(",", runs.Select(r => $"'{r.Run}'"));
        await Eventually.Until(async () => await Platform.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM workflow_runs WHERE id IN ({ids}) AND status = 'completed' AND steps -> 1 ->> 'status' = 'completed'") == runs.Count, "every run shown completed");
        Assert.That(await Platform.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM run_row_history WHERE run_id IN ({ids}) AND status = 'completed' AND last_step_status <> 'completed'"),
            Is.Zero, "a run committed as completed while its last step was still pending");
    }

    /// <summary>Every state a run row commits, recorded by the database itself: what any reader could have seen.</summary>
    private static Task RecordRunRowsAsync() => Platform.Database.ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS run_row_history (run_id uuid, status text, last_step_status text);
        CREATE OR REPLACE FUNCTION record_run_row() RETURNS trigger AS $$
        BEGIN
            INSERT INTO run_row_history VALUES (NEW.id, NEW.status, NEW.steps -> (jsonb_array_length(NEW.steps) - 1) ->> 'status');
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE OR REPLACE TRIGGER record_run_row AFTER UPDATE ON workflow_runs FOR EACH ROW EXECUTE FUNCTION record_run_row();
        """);

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
