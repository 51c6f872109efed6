using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// The agent's events carry only the agent's id: the one a saga waits for answers its command, so it carries the saga's
/// id as its InitiatorId and loads the saga by key through our repository; any other is dropped.
/// </summary>
public sealed class When_agent_events_answer_their_saga_in_postgres : ProvisioningOnPostgres
{
    protected override TimeSpan StepTimeout => TimeSpan.FromMinutes(10);

    [Test]
    public async Task Should_move_only_the_saga_whose_command_the_event_answers()
    {
        var first = Request();
        var second = Request();
        await SendAsync(first);
        await SendAsync(second);
        await Eventually.Until(async () => await StateAsync(first.ProvisioningId) == "CreatingAgent" && await StateAsync(second.ProvisioningId) == "CreatingAgent",
            "both sagas wait for their agent");
        await Eventually.Until(() => Commands.For(first.ProvisioningId).Contains("CreateAgent"), "the first CreateAgent reaches Agent Designer's queue");

        await SendAsync(Created(second), initiatorId: second.ProvisioningId);

        await Eventually.Until(async () => await StateAsync(second.ProvisioningId) == "ReservingCapacity", "the second saga moves on");
        await Eventually.Until(() => Commands.For(second.ProvisioningId).Contains("ReserveModelCapacity"), "its reservation reaches AI Model's queue");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StateAsync(first.ProvisioningId), Is.EqualTo("CreatingAgent"), "the other saga has not moved");
            Assert.That(await ColumnAsync(second.ProvisioningId, "agent_created"), Is.EqualTo("true"));
            Assert.That(Commands.For(second.ProvisioningId), Is.EqualTo(new[] { "CreateAgent", "ReserveModelCapacity" }),
                "each command carries its saga's id as CorrelationId");
        }
    }

    [Test]
    public async Task Should_drop_the_events_that_answer_no_command_of_the_saga()
    {
        var request = Request();
        var other = Request();
        await SendAsync(request);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "CreatingAgent", "the saga waits for its agent");

        Guid[] strays = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await SendAsync(new AgentStatusChanged
        {
            AgentId = request.AgentId, PreviousStatus = AgentStatuses.Inactive, Status = AgentStatuses.Active, Version = 2, OccurredAt = DateTimeOffset.UtcNow,
        }, strays[0], initiatorId: Guid.NewGuid());
        await SendAsync(Created(request), strays[1]);
        await SendAsync(Created(request), strays[2], initiatorId: Guid.NewGuid());
        await SendAsync(Created(other), strays[3], initiatorId: request.ProvisioningId);
        await Eventually.Until(async () => await Database.ScalarAsync<long>(
                $"SELECT count(*) FROM inbox_state WHERE message_id IN ({string.Join(", ", strays.Select(id => $"'{id}'"))})") == strays.Length,
            "the four stray events are consumed");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StateAsync(request.ProvisioningId), Is.EqualTo("CreatingAgent"),
                "no initiator, another initiator, or another agent's event under its id did not move it");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM dead_letters"), Is.Zero, "the stray events faulted nothing");
        }

        await SendAsync(Created(request), initiatorId: request.ProvisioningId);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "ReservingCapacity", "its own answer moves it");
    }

    internal static ProvisionAgent Request()
    {
        var id = Guid.NewGuid();
        return new ProvisionAgent { ProvisioningId = id, AgentId = $"pg-{id:N}"[..24], Name = "pg", Model = "gpt-test" };
    }
}
