using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>Refusals are acknowledged without effect; only an invalid command becomes a dead letter.</summary>
public sealed class When_a_command_cannot_apply : CommandFixture
{

    [Test]
    public async Task Should_acknowledge_a_conflict_a_stale_version_and_a_missing_agent_without_effect()
    {
        var id = Samples.AgentId();
        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);

        Guid[] refused =
        [
            await SendAsync(CreateAgent(id, name: "Another Agent")),
            await SendAsync(CreateAgent(id)),
            await SendAsync(new UpdateAgent { AgentId = id, Name = "Lost", Model = "m", ExpectedVersion = 7 }),
            await SendAsync(new ChangeAgentStatus { AgentId = id, Status = AgentStatuses.Active }),
            await SendAsync(new UpdateAgent { AgentId = "no-such-agent", Name = "Lost", Model = "m" }),
            await SendAsync(new DeleteAgent { AgentId = "no-such-agent" }),
        ];

        await Eventually.Until(() => refused.All(m => Deliveries.CountOf(m) == 1), "every refused command was received once");
        await UntilOutboxIsEmptyAsync();
        var agent = await GetAgentAsync(id);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(agent?.Name, Is.EqualTo("Test Agent"));
            Assert.That(agent?.Version, Is.EqualTo(1));
            Assert.That(await CountAsync($"SELECT count(*) FROM event_log WHERE aggregate_id = '{id}'"), Is.EqualTo(1));
            Assert.That(Events.TypesOf(id), Is.EqualTo(new[] { "AgentCreated" }));
            Assert.That(await CountAsync("SELECT count(*) FROM dead_letters"), Is.Zero, "no refusal is a dead letter");
        });
    }

    [Test]
    public async Task Should_answer_AgentNotFound_to_a_request_for_a_missing_agent()
    {
        var client = Sender.Services.GetRequiredService<IBus>().CreateRequestClient<ChangeAgentStatus>(DesignerCommands, RequestTimeout.After(s: 15));

        var response = await client.GetResponse<AgentNotFound>(new ChangeAgentStatus { AgentId = "no-such-agent", Status = AgentStatuses.Busy });

        Assert.That(response.Message.AgentId, Is.EqualTo("no-such-agent"));
    }

    [Test]
    public async Task Should_dead_letter_an_invalid_command()
    {
        await SendAsync(CreateAgent("Not A Slug"));

        // The dead-letter collector takes it from the _error queue into the store, with MassTransit's fault details.
        await Eventually.Until(async () => await CountAsync(
            $"SELECT count(*) FROM dead_letters WHERE source_queue = '{QueuePrefix}agent-designer' AND reason = 'fault'") == 1,
            "the command is a dead letter");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT exception_type FROM dead_letters"), Is.EqualTo(typeof(ArgumentException).FullName));
            Assert.That(await Database.ScalarAsync<string>("SELECT exception_message FROM dead_letters"), Does.Contain("slug"));
        });
    }
}
