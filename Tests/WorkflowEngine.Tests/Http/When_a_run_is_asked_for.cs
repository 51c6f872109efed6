using System.Net;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Http;

/// <summary>
/// A run is the Transaction Coordinator's saga, which does not exist yet: the run is accepted and stays pending,
/// and its StartWorkflow waits in the outbox for the coordinator's queue, then becomes a dead letter.
/// </summary>
public sealed class When_a_run_is_asked_for
{
    [Test]
    public async Task Should_answer_202_with_a_run_that_stays_pending_with_its_steps()
    {
        var agent = await Platform.AgentAsync();
        var workflow = await CreateWorkflowAsync(Step("fetch", agent), Step("summarise", agent));

        using var response = await Platform.Client.CallAsync("POST", $"/workflows/{workflow}/runs", Operator, new { context = new { user = "u1" } });
        var run = await Task.FromResult(response).JsonAsync(HttpStatusCode.Accepted);
        var runId = run.Text("runId");
        var shown = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs/{runId}", Viewer).JsonAsync(HttpStatusCode.OK);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/workflows/{workflow}/runs/{runId}"));
            Assert.That(shown.Text("status"), Is.EqualTo("pending"));
            Assert.That(shown.GetProperty("workflowVersion").GetInt64(), Is.EqualTo(1));
            Assert.That(shown.GetProperty("steps").EnumerateArray().Select(s => (s.Text("name"), s.Text("status"))),
                Is.EqualTo(new[] { ("fetch", "pending"), ("summarise", "pending") }));
        }

        await Platform.Client.CallAsync("GET", $"/workflows/{Guid.NewGuid()}/runs/{runId}", Viewer).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_list_a_workflows_runs_page_by_page()
    {
        var workflow = await CreateWorkflowAsync(Step("fetch", await Platform.AgentAsync()));
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add((await Platform.Client.CallAsync("POST", $"/workflows/{workflow}/runs", Operator, null).JsonAsync(HttpStatusCode.Accepted)).Text("runId"));
        }

        var first = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs?limit=2", Viewer).JsonAsync(HttpStatusCode.OK);
        var second = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs?limit=2&after={first.Text("next")}", Viewer).JsonAsync(HttpStatusCode.OK);

        var listed = first.GetProperty("runs").EnumerateArray().Concat(second.GetProperty("runs").EnumerateArray()).Select(r => r.Text("runId"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed, Is.EqualTo(started), "oldest first, each once");
            Assert.That(second.GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(second.GetProperty("next").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        }
    }

    /// <summary>
    /// What the backbone does with a command whose owner's queue does not exist: the send is mandatory, the broker
    /// returns it, the outbox row retries with its backoff and after Messaging:Outbox:MaxDeliveryAttempts (3 here,
    /// 20 by default) becomes an "undeliverable" dead letter addressed to the owner's exchange, replayable later.
    /// </summary>
    [Test]
    public async Task Should_keep_its_StartWorkflow_until_it_becomes_an_undeliverable_dead_letter_while_no_coordinator_exists()
    {
        var agent = await Platform.AgentAsync();
        var workflow = await CreateWorkflowAsync(Step("fetch", agent));

        var runId = (await Platform.Client.CallAsync("POST", $"/workflows/{workflow}/runs", Operator, null).JsonAsync(HttpStatusCode.Accepted)).Text("runId");

        var letter = $"""
            SELECT count(*) FROM dead_letters WHERE reason = 'undeliverable' AND source_queue = 'exchange:{Platform.QueuePrefix}transaction-coordinator'
              AND source_service = 'workflow-engine' AND convert_from(body, 'UTF8') LIKE '%{runId}%'
            """;
        try
        {
            // 3 sends of up to SendTimeout each, plus the backoffs between them.
            await Eventually.Until(async () => await Platform.Database.ScalarAsync<long>(letter) == 1, "StartWorkflow is an undeliverable dead letter",
                TimeSpan.FromSeconds(45));
        }
        catch (TimeoutException e)
        {
            // What the outbox saw instead, so a failure says why it kept retrying (a timeout is no refusal while the bus is degraded).
            var state = await Platform.Database.ScalarAsync<string>($"""
                SELECT coalesce(string_agg(s.failed_attempts || ' attempt(s), next ' || s.next_attempt_at || ': ' || coalesce(s.last_error, '(none)'), '; '), '(no row left)')
                  FROM outbox_state s JOIN outbox_messages m USING (outbox_id) WHERE m.body LIKE '%{runId}%'
                """);
            throw new TimeoutException($"{e.Message} Its outbox: {state}", e);
        }

        var run = await Platform.Client.CallAsync("GET", $"/workflows/{workflow}/runs/{runId}", Viewer).JsonAsync(HttpStatusCode.OK);
        Assert.That(run.Text("status"), Is.EqualTo("pending"));
    }
}
