using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.System;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// No silent refusal. Regression: a refused command was acknowledged with a log line only, so its sender never
/// learned it failed. A business refusal is rejected at once; a missing target after its redelivery window.
/// </summary>
public sealed class When_a_command_cannot_apply : CommandFixture
{
    protected override IDictionary<string, string?> DesignerSettings => ShortRedeliveryWindow;

    [Test]
    public async Task Should_reject_a_conflict_and_a_stale_version_at_once_and_a_missing_agent_after_its_window()
    {
        var id = Samples.AgentId();
        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);
        var gone = Samples.AgentId();
        await SendAsync(CreateAgent(gone));
        await SendAsync(new DeleteAgent { AgentId = gone });
        await UntilEventAsync("AgentDeleted", gone, 2);

        var taken = await SendAsync(CreateAgent(id, name: "Another Agent"));
        var stale = await SendAsync(new UpdateAgent { AgentId = id, Name = "Lost", Model = "m", ExpectedVersion = 7 });
        var missing = await SendAsync(new UpdateAgent { AgentId = "no-such-agent", Name = "Lost", Model = "m" });
        var neverCreated = await SendAsync(new DeleteAgent { AgentId = "no-such-agent" });
        Guid[] noEffect =
        [
            await SendAsync(CreateAgent(id)),
            await SendAsync(new ChangeAgentStatus { AgentId = id, Status = AgentStatuses.Active }),
            await SendAsync(new DeleteAgent { AgentId = gone }),
        ];

        var rejections = new[] { await UntilRejectedAsync(taken), await UntilRejectedAsync(stale), await UntilRejectedAsync(missing), await UntilRejectedAsync(neverCreated) };
        await Eventually.Until(() => noEffect.All(m => Deliveries.CountOf(m) == 1), "the commands without effect were received");
        await UntilOutboxIsEmptyAsync();
        var agent = await GetAgentAsync(id);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(rejections.Select(r => (r.CommandType, r.TargetId, r.Reason, r.RejectedBy)), Is.EqualTo(new[]
            {
                ("CreateAgent", id, CommandRejections.Conflict, "agent-designer"),
                ("UpdateAgent", id, CommandRejections.Conflict, "agent-designer"),
                ("UpdateAgent", "no-such-agent", CommandRejections.NotFound, "agent-designer"),
                ("DeleteAgent", "no-such-agent", CommandRejections.NotFound, "agent-designer"),
            }));
            Assert.That(rejections[1].Detail, Is.EqualTo("expected version 7, found 1"));
            Assert.That(new[] { Deliveries.CountOf(taken), Deliveries.CountOf(stale) }, Is.All.EqualTo(1), "a business refusal is not redelivered");
            Assert.That(noEffect.Select(m => Events.RejectionsOf(m).Count), Is.All.Zero, "what already holds is not a refusal");
            Assert.That(agent?.Name, Is.EqualTo("Test Agent"));
            Assert.That(agent?.Version, Is.EqualTo(1));
            Assert.That(Events.TypesOf(id), Is.EqualTo(new[] { "AgentCreated" }));
            Assert.That(await CountAsync(
                $"SELECT count(*) FROM dead_letters WHERE reason = 'rejected' AND status = 'pending' AND source_queue = '{QueuePrefix}agent-designer' " +
                $"AND message_id IN ('{taken}', '{stale}', '{missing}', '{neverCreated}')"), Is.EqualTo(4), "each rejection is a dead letter of its command");
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
    public async Task Should_answer_CommandRejected_to_a_request_refused_for_a_stale_version()
    {
        var id = Samples.AgentId();
        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);
        var client = Sender.Services.GetRequiredService<IBus>().CreateRequestClient<ChangeAgentStatus>(DesignerCommands, RequestTimeout.After(s: 15));

        var response = await client.GetResponse<CommandRejected>(new ChangeAgentStatus { AgentId = id, Status = AgentStatuses.Busy, ExpectedVersion = 5 });

        Assert.That((response.Message.Reason, response.Message.TargetId), Is.EqualTo((CommandRejections.Conflict, id)));
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
            Assert.That(await Database.ScalarAsync<string>("SELECT exception_type FROM dead_letters WHERE reason = 'fault'"), Is.EqualTo(typeof(ArgumentException).FullName));
            Assert.That(await Database.ScalarAsync<string>("SELECT exception_message FROM dead_letters WHERE reason = 'fault'"), Does.Contain("slug"));
        });
    }
}
