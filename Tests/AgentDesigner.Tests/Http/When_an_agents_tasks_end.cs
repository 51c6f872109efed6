using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http;

public sealed class When_an_agents_tasks_end
{
    private static HttpClient Client => SharedService.Client;

    private static TestPlatform Platform => SharedService.Platform;

    [Test]
    public async Task Should_show_its_metrics_on_the_agent_without_changing_its_version()
    {
        var id = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);
        var cached = await GetAsync(id); // the definition is in the cache now: the metrics must not come from it
        var at = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);

        await Platform.PublishAsync(new TaskCompleted { TaskId = Guid.NewGuid(), AgentId = id, Version = 3, OccurredAt = at });
        await Platform.PublishAsync(new TaskFailed { TaskId = Guid.NewGuid(), AgentId = id, ErrorMessage = "boom", Version = 3, OccurredAt = at.AddMinutes(-5) });
        await Platform.PublishAsync(new TaskCompleted { TaskId = Guid.NewGuid(), AgentId = id, Version = 3, OccurredAt = at.AddMinutes(-9) });
        await Eventually.Until(async () => Metrics(await GetAsync(id)).GetProperty("tasksFailed").GetInt64() == 1
            && Metrics(await GetAsync(id)).GetProperty("tasksCompleted").GetInt64() == 2, "the three ends are counted");
        using var response = await Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer);
        var metrics = Metrics(await response.JsonAsync(HttpStatusCode.OK));

        Assert.Multiple(() =>
        {
            Assert.That(Metrics(cached).GetProperty("tasksCompleted").GetInt64(), Is.Zero);
            Assert.That(Metrics(cached).GetProperty("successRate").ValueKind, Is.EqualTo(JsonValueKind.Null), "no task has ended yet");
            Assert.That(metrics.GetProperty("successRate").GetDouble(), Is.EqualTo(2.0 / 3).Within(1e-9));
            Assert.That(metrics.GetProperty("lastActiveAt").GetDateTimeOffset(), Is.EqualTo(at));
            Assert.That(metrics.GetProperty("availability").GetString(), Is.EqualTo("available"));
            Assert.That(response.ETag(), Is.EqualTo("\"1\""), "task events are not changes of the definition");
        });
        await (await Client.SendAsync(HttpMethod.Put, $"/agents/{id}", PlatformRoles.Operator, new { name = "Renamed", model = "m" }, ifMatch: "\"1\""))
            .JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task Should_show_it_busy_while_a_workflow_run_with_a_step_of_it_runs()
    {
        var id = Samples.AgentId();
        await (await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(id))).JsonAsync(HttpStatusCode.Created);
        var (run, workflow) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;

        await Platform.PublishAsync(new WorkflowStarted
        {
            RunId = run, WorkflowId = workflow, Name = "wf", Steps = [new WorkflowStep { Name = "one", AgentId = id }], Version = 1, OccurredAt = now,
        });
        await Eventually.Until(async () => await AvailabilityAsync(id) == "busy", "the agent is busy");
        await Platform.PublishAsync(new WorkflowFailed { RunId = run, WorkflowId = workflow, ErrorMessage = "boom", Version = 2, OccurredAt = now });

        await Eventually.Until(async () => await AvailabilityAsync(id) == "available", "the agent is available again");
    }

    /// <summary>Regression: the list answered every agent with "metrics": null.</summary>
    [Test]
    public async Task Should_show_its_metrics_in_the_agent_list_too()
    {
        var (id, idle) = (Samples.AgentId(), Samples.AgentId());
        var name = "Listed " + id;
        await (await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(id, name))).JsonAsync(HttpStatusCode.Created);
        await (await Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(idle, name + " idle"))).JsonAsync(HttpStatusCode.Created);

        await Platform.PublishAsync(new TaskCompleted { TaskId = Guid.NewGuid(), AgentId = id, Version = 3, OccurredAt = DateTimeOffset.UtcNow });

        await Eventually.Until(async () =>
        {
            var page = await (await Client.SendAsync(HttpMethod.Get, $"/agents?q={Uri.EscapeDataString(name)}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);
            var completed = page.GetProperty("agents").EnumerateArray()
                .ToDictionary(a => a.GetProperty("id").GetString()!, a => Metrics(a).GetProperty("tasksCompleted").GetInt64());
            return completed.Count == 2 && completed[id] == 1 && completed[idle] == 0;
        }, "the list shows the task's end");
    }

    private static async Task<JsonElement> GetAsync(string id) =>
        await (await Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK);

    private static JsonElement Metrics(JsonElement agent) => agent.GetProperty("metrics");

    private static async Task<string?> AvailabilityAsync(string id) => Metrics(await GetAsync(id)).GetProperty("availability").GetString();
}
