using System.Net;
using System.Text.Json;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Http;

public sealed class When_a_workflow_is_defined
{
    private static HttpClient Client => Platform.Client;

    [Test]
    public async Task Should_keep_its_ordered_steps_and_announce_create_update_and_delete()
    {
        var (first, second) = (await Platform.AgentAsync(), await Platform.AgentAsync());
        using var created = await Client.CallAsync("POST", "/workflows", Operator,
            WorkflowBody(Step("fetch", first), Step("summarise", second, "fan-out"), new { name = "rank", agentId = second, description = "Rank", parallelGroup = "fan-out" }));
        var workflow = await Task.FromResult(created).JsonAsync(HttpStatusCode.Created);
        var id = Guid.Parse(workflow.Text("id"));
        var steps = workflow.GetProperty("steps");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(steps.EnumerateArray().Select(s => s.Text("name")), Is.EqualTo(new[] { "fetch", "summarise", "rank" }));
            Assert.That(steps[0].Text("compensation"), Is.EqualTo("Undo fetch"));
            Assert.That(steps[0].GetProperty("timeoutSeconds").GetInt32(), Is.EqualTo(60));
            Assert.That(steps[0].GetProperty("retryCount").GetInt32(), Is.EqualTo(2));
            Assert.That(steps[2].GetProperty("timeoutSeconds").GetInt32(), Is.EqualTo(300), "the default");
            Assert.That(steps[2].Text("parallelGroup"), Is.EqualTo("fan-out"));
        }

        var updated = await Client.CallAsync("PUT", $"/workflows/{id}", Operator, WorkflowBody(Step("only", first)), ifMatch: "\"1\"").JsonAsync(HttpStatusCode.OK);
        await Client.CallAsync("PUT", $"/workflows/{id}", Operator, WorkflowBody(Step("lost", first)), ifMatch: "\"1\"").ProblemAsync(HttpStatusCode.Conflict);
        await Client.CallAsync("DELETE", $"/workflows/{id}", Operator).JsonAsync(HttpStatusCode.NoContent);
        await Client.CallAsync("GET", $"/workflows/{id}", Viewer).ProblemAsync(HttpStatusCode.NotFound);

        Assert.That(updated.GetProperty("version").GetInt64(), Is.EqualTo(2));
        await Eventually.Until(() => Platform.Received.All<WorkflowDeleted>(e => e.WorkflowId == id).Count == 1, "WorkflowDeleted is published");
        var defined = Platform.Received.All<WorkflowDefined>(e => e.WorkflowId == id).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(defined.Steps.Select(s => (s.Name, s.AgentId, s.Timeout, s.RetryCount)),
                Is.EqualTo(new[] { ("fetch", first, (TimeSpan?)TimeSpan.FromSeconds(60), 2), ("summarise", second, TimeSpan.FromSeconds(60), 2), ("rank", second, TimeSpan.FromSeconds(300), 0) }));
            Assert.That(Platform.Received.All<WorkflowUpdated>(e => e.WorkflowId == id).Single().Steps.Single().Name, Is.EqualTo("only"));
            Assert.That(Platform.Received.All<WorkflowDeleted>(e => e.WorkflowId == id).Single().Version, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Should_answer_400_naming_the_step_whose_agent_is_missing_or_not_active()
    {
        var (active, inactive, missing) = (await Platform.AgentAsync(), await Platform.AgentAsync(AgentStatuses.Inactive), Platform.NewAgentId());

        var unknown = (await Client.CallAsync("POST", "/workflows", Operator, WorkflowBody(Step("fine", active), Step("ghost", missing))).ProblemAsync(HttpStatusCode.BadRequest)).Detail();
        var idle = (await Client.CallAsync("POST", "/workflows", Operator, WorkflowBody(Step("sleepy", inactive))).ProblemAsync(HttpStatusCode.BadRequest)).Detail();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown, Does.Contain("'ghost'").And.Contain("steps[1]").And.Contain(missing).And.Contain("does not exist"));
            Assert.That(idle, Does.Contain("'sleepy'").And.Contain(AgentStatuses.Inactive));
        }
    }

    [Test]
    public async Task Should_accept_a_step_whose_agent_was_created_a_moment_ago()
    {
        var agent = Platform.NewAgentId();
        await Client.CallAsync("POST", "/workflows", Operator, WorkflowBody(Step("one", agent))).ProblemAsync(HttpStatusCode.BadRequest);

        await Platform.AgentAsync(id: agent);

        await CreateWorkflowAsync(Step("one", agent));
    }

    [TestCase("duplicate names", "{\"name\":\"w\",\"steps\":[{\"name\":\"a\",\"agentId\":\"x\",\"description\":\"d\"},{\"name\":\"a\",\"agentId\":\"x\",\"description\":\"d\"}]}")]
    [TestCase("split group", "{\"name\":\"w\",\"steps\":[{\"name\":\"a\",\"agentId\":\"x\",\"description\":\"d\",\"parallelGroup\":\"g\"},{\"name\":\"b\",\"agentId\":\"x\",\"description\":\"d\"},{\"name\":\"c\",\"agentId\":\"x\",\"description\":\"d\",\"parallelGroup\":\"g\"}]}")]
    [TestCase("no steps", "{\"name\":\"w\",\"steps\":[]}")]
    [TestCase("null step", "{\"name\":\"w\",\"steps\":[null]}")]
    [TestCase("timeout", "{\"name\":\"w\",\"steps\":[{\"name\":\"a\",\"agentId\":\"x\",\"description\":\"d\",\"timeoutSeconds\":0}]}")]
    [TestCase("retries", "{\"name\":\"w\",\"steps\":[{\"name\":\"a\",\"agentId\":\"x\",\"description\":\"d\",\"retryCount\":-1}]}")]
    public async Task Should_answer_400_to_steps_that_cannot_run(string what, string json) =>
        Assert.That((await Client.RawAsync("POST", "/workflows", Operator, json).ProblemAsync(HttpStatusCode.BadRequest)).Detail(), Does.Contain("steps"), what);

    [Test]
    public async Task Should_list_workflows_page_by_page()
    {
        var agent = await Platform.AgentAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateWorkflowAsync(Step("one", agent));
        }

        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await Client.CallAsync("GET", "/workflows?limit=2" + (next is null ? "" : $"&after={next}"), Viewer).JsonAsync(HttpStatusCode.OK);
            Assert.That(page.GetProperty("count").GetInt32(), Is.InRange(1, 2));
            seen.AddRange(page.GetProperty("workflows").EnumerateArray().Select(w => w.Text("id")));
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.Text("next") : null;
        }
        while (next is not null);

        Assert.That(seen, Is.Unique.And.Count.GreaterThanOrEqualTo(3));
    }
}
