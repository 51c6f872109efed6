using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Provisioning;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>The agent's events carry only its id: they reach their saga by a query on agent_id (CorrelateBy) through our repository.</summary>
public sealed class When_agent_events_find_their_saga_in_postgres : ProvisioningOnPostgres
{
    protected override TimeSpan StepTimeout => TimeSpan.FromMinutes(10);

    [Test]
    public async Task Should_move_only_the_saga_of_the_agent_named_with_the_commands_carrying_its_id()
    {
        var first = Request();
        var second = Request();
        await SendAsync(first);
        await SendAsync(second);
        await Eventually.Until(async () => await StateAsync(first.ProvisioningId) == "CreatingAgent" && await StateAsync(second.ProvisioningId) == "CreatingAgent",
            "both sagas wait for their agent");
        await Eventually.Until(() => Commands.For(first.ProvisioningId).Contains("CreateAgent"), "the first CreateAgent reaches Agent Designer's queue");

        await SendAsync(Created(second));

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
    public async Task Should_drop_an_event_of_an_agent_no_saga_provisions()
    {
        var request = Request();
        await SendAsync(request);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "CreatingAgent", "the saga waits for its agent");

        await SendAsync(new AgentStatusChanged
        {
            AgentId = "nobody-provisions-me", PreviousStatus = AgentStatuses.Active, Status = AgentStatuses.Inactive, Version = 2, OccurredAt = DateTimeOffset.UtcNow,
        });
        await SendAsync(Created(request));

        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "ReservingCapacity", "the next event is handled");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM dead_letters"), Is.Zero, "the stray event faulted nothing");
    }

    internal static ProvisionAgent Request()
    {
        var id = Guid.NewGuid();
        return new ProvisionAgent { ProvisioningId = id, AgentId = $"pg-{id:N}"[..24], Name = "pg", Model = "gpt-test" };
    }
}
