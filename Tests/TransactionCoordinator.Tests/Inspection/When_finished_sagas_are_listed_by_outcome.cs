using System.Net;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>
/// Every order ends in Final; how it ended is its outcome column. Stored: two completed (three and two hours ago), one
/// compensated (an hour ago), one running with no outcome, one running whose outcome is already written (as a
/// WorkflowRun has it while it compensates), and a ticket (a machine without outcomes).
/// </summary>
public sealed class When_finished_sagas_are_listed_by_outcome : InspectionFixture
{
    private readonly Guid[] _completed = [Guid.NewGuid(), Guid.NewGuid()];
    private readonly Guid _compensated = Guid.NewGuid();
    private readonly Guid _running = Guid.NewGuid();
    private readonly Guid _compensating = Guid.NewGuid();

    [OneTimeSetUp]
    public async Task Seed()
    {
        await InsertAsync(_completed[0], "Final", TimeSpan.FromHours(3), finished: true, outcome: "completed");
        await InsertAsync(_completed[1], "Final", TimeSpan.FromHours(2), finished: true, outcome: "completed");
        await InsertAsync(_compensated, "Final", TimeSpan.FromHours(1), finished: true, outcome: "compensated");
        await InsertAsync(_running, "Submitted", TimeSpan.FromMinutes(30));
        await InsertAsync(_compensating, "TimedOut", TimeSpan.FromMinutes(20), outcome: "compensated");
        await Database.ExecuteAsync(
            $"INSERT INTO inspected_tickets (correlation_id, current_state, created_at, updated_at) VALUES ('{Guid.NewGuid()}', 'Opened', now(), now())");
    }

    [Test]
    public async Task Should_show_how_each_finished_saga_ended_and_no_outcome_while_one_runs()
    {
        var sagas = await AllAsync("/sagas?limit=100");

        var outcomes = sagas.ToDictionary(s => s.GetProperty("correlationId").GetGuid(), s => s.GetProperty("outcome").GetString());
        Assert.That(outcomes, Has.Count.EqualTo(6));
        Assert.That(outcomes[_completed[0]], Is.EqualTo("completed"));
        Assert.That(outcomes[_completed[1]], Is.EqualTo("completed"));
        Assert.That(outcomes[_compensated], Is.EqualTo("compensated"));
        Assert.That(outcomes[_running], Is.Null);
        Assert.That(outcomes[_compensating], Is.Null, "not ended yet, whatever its column says");
        Assert.That(
            sagas.Single(s => s.GetProperty("type").GetString() == "InspectedTicketState").GetProperty("outcome").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Should_list_only_the_finished_sagas_that_ended_as_asked()
    {
        var completed = await AllAsync("/sagas?outcome=completed&limit=1");
        var compensated = await AllAsync("/sagas?outcome=compensated&type=InspectedOrderState");

        Assert.That(completed.Select(s => s.GetProperty("correlationId").GetGuid()), Is.EqualTo(_completed), "oldest first, a page at a time");
        Assert.That(compensated.Select(s => s.GetProperty("correlationId").GetGuid()), Is.EqualTo(new[] { _compensated }), "not the one still compensating");
        Assert.That(await AllAsync("/sagas?outcome=completed&olderThan=PT1M"), Is.Empty, "a stuck saga has not ended");
    }

    [Test]
    public async Task Should_show_the_outcome_in_the_detail_once_finished()
    {
        Assert.That((await GetAsync($"/sagas/{_compensated}")).GetProperty("outcome").GetString(), Is.EqualTo("compensated"));
        Assert.That((await GetAsync($"/sagas/{_compensating}")).GetProperty("outcome").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Should_count_the_finished_sagas_per_outcome_beside_the_states()
    {
        var types = (await GetAsync("/sagas/types")).GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!);

        var order = types["InspectedOrderState"];
        Assert.That(order.GetProperty("instances").GetProperty("Final").GetInt64(), Is.EqualTo(3));
        Assert.That(Counts(order.GetProperty("outcomes")), Is.EqualTo(new Dictionary<string, long> { ["completed"] = 2, ["compensated"] = 1 }));
        Assert.That(Counts(types["InspectedTicketState"].GetProperty("outcomes")), Is.Empty, "a machine without outcomes");
    }

    [TestCase("/sagas?outcome=shipped", "completed, compensated")]
    [TestCase("/sagas?outcome=completed&type=InspectedTicketState", "none declares one")]
    public async Task Should_answer_400_naming_the_outcomes_for_one_no_machine_has(string path, string named)
    {
        var problem = await (await Host.SendAsync(HttpMethod.Get, path, PlatformRoles.Operator)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(named));
    }

    private static Dictionary<string, long> Counts(JsonElement outcomes) =>
        outcomes.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetInt64());
}
