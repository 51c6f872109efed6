using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Http.Commands;

public sealed class When_a_command_is_posted
{
    private readonly string _id = Samples.AgentId("posted");
    private JsonElement _accepted;

    private object Definition => new { agentId = _id, name = "Posted", model = "test-model", capabilities = new[] { "search" } };

    private static HttpClient Client => SharedService.Client;

    [OneTimeSetUp]
    public async Task Post() =>
        _accepted = await CommandOutcomes.PostAsync("CreateAgent", Definition);

    [Test]
    public void Should_answer_202_with_the_message_id_and_the_outcome_link()
    {
        var messageId = _accepted.GetProperty("messageId").GetGuid();

        Assert.Multiple(() =>
        {
            Assert.That(messageId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(_accepted.GetProperty("owner").GetString(), Is.EqualTo("agent-designer"));
            Assert.That(_accepted.GetProperty("outcome").GetString(), Is.EqualTo($"/commands/CreateAgent/{messageId}"));
        });
    }

    [Test]
    public async Task Should_create_the_agent_through_its_owner() =>
        await Eventually.Until(async () =>
        {
            using var response = await Client.SendAsync(HttpMethod.Get, $"/agents/{_id}", PlatformRoles.Viewer);
            return response.StatusCode == HttpStatusCode.OK
                && (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString() == "Posted";
        }, "the agent exists");

    [Test]
    public async Task Should_show_applied_with_the_owners_event()
    {
        var outcome = await CommandOutcomes.UntilAsync(_accepted, "applied");

        var events = outcome.GetProperty("events");
        Assert.Multiple(() =>
        {
            Assert.That(events.GetArrayLength(), Is.EqualTo(1));
            Assert.That(events[0].GetProperty("eventType").GetString(), Is.EqualTo("AgentCreated"));
            Assert.That(events[0].GetProperty("aggregateId").GetString(), Is.EqualTo(_id));
            Assert.That(events[0].GetProperty("sequence").GetInt64(), Is.EqualTo(1));
            Assert.That(outcome.GetProperty("rejection").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Should_show_a_rejection_with_its_reason_for_an_id_taken_by_another_agent()
    {
        await Eventually.Until(async () =>
            (await Client.SendAsync(HttpMethod.Get, $"/agents/{_id}", PlatformRoles.Viewer)).StatusCode == HttpStatusCode.OK, "the agent exists");

        var second = await CommandOutcomes.PostAsync("CreateAgent", new { agentId = _id, name = "Other", model = "test-model" });
        var outcome = await CommandOutcomes.UntilAsync(second, "rejected");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.GetProperty("rejection").GetProperty("reason").GetString(), Is.EqualTo("conflict"));
            Assert.That(outcome.GetProperty("rejection").GetProperty("detail").GetString(), Does.Contain("already exists"));
            Assert.That(outcome.GetProperty("events").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Should_show_consumed_without_events_for_a_command_already_applied()
    {
        await CommandOutcomes.UntilAsync(_accepted, "applied");

        var again = await CommandOutcomes.PostAsync("CreateAgent", Definition);
        var outcome = await CommandOutcomes.UntilAsync(again, "consumed");

        Assert.That(outcome.GetProperty("events").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Should_show_failed_with_the_owners_error_for_a_command_its_owner_cannot_read()
    {
        var posted = await CommandOutcomes.PostAsync("CreateAgent", new { agentId = "Not_A_Slug", name = "Bad", model = "test-model" });
        var outcome = await CommandOutcomes.UntilAsync(posted, "failed");

        Assert.That(outcome.GetProperty("rejection").GetProperty("reason").GetString(), Is.EqualTo("fault"));
    }
}
