using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Provisioning;
using Steps = AgentLightning.Contracts.Provisioning.ProvisioningSteps;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

[TestFixture]
public sealed class When_an_agent_is_provisioned
{
    private ProvisioningHarness _h = null!;

    [SetUp]
    public async Task Start() => _h = await ProvisioningHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await _h.DisposeAsync();

    [Test]
    public async Task Should_create_it_inactive_reserve_issue_a_key_and_activate_it()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());

        var saga = await _h.CompleteAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_h.CommandsOf(request.ProvisioningId),
                Is.EqualTo(new[] { "CreateAgent", "ReserveModelCapacity", "IssueAgentApiKey", "ChangeAgentStatus" }));
            Assert.That(_h.Harness.Sent.Select<CreateAgent>().Single(m => m.Context.Message.AgentId == request.AgentId).Context.Message.Status,
                Is.EqualTo(AgentStatuses.Inactive));
            Assert.That(saga.Outcome, Is.EqualTo("completed"));
            Assert.That(await _h.PublishedAsync<AgentProvisioned>(e =>
                e.ProvisioningId == request.ProvisioningId && e.KeyId == request.ProvisioningId && e.IntegrationId is null), Is.True);
        }
    }

    [Test]
    public async Task Should_register_the_webhook_between_the_capacity_and_the_key_when_asked_for()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid(), webhook: true);

        var saga = await _h.CompleteAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_h.CommandsOf(request.ProvisioningId),
                Is.EqualTo(new[] { "CreateAgent", "ReserveModelCapacity", "RegisterIntegration", "IssueAgentApiKey", "ChangeAgentStatus" }));
            Assert.That(saga.Outcome, Is.EqualTo("completed"));
            Assert.That(await _h.PublishedAsync<AgentProvisioned>(e => e.IntegrationId == request.ProvisioningId), Is.True);
        }
    }

    [Test]
    public async Task Should_take_each_step_once_when_requests_and_answers_arrive_twice()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(request, Steps.ReserveCapacity);

        await _h.SendAsync(request);
        await _h.AgentCreatedAsync(request);
        await _h.CapacityReservedAsync(request);
        await _h.InStateAsync(request.ProvisioningId, m => m.IssuingKey);
        await _h.CapacityReservedAsync(request);
        await _h.KeyIssuedAsync(request);
        await _h.InStateAsync(request.ProvisioningId, m => m.Activating);

        Assert.That(_h.CommandsOf(request.ProvisioningId),
            Is.EqualTo(new[] { "CreateAgent", "ReserveModelCapacity", "IssueAgentApiKey", "ChangeAgentStatus" }));
    }

    [Test]
    public async Task Should_ignore_answers_that_come_before_their_step_and_status_changes_that_are_not_the_activation()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(request, Steps.ReserveCapacity);

        await _h.KeyIssuedAsync(request);
        await _h.StatusChangedAsync(request, AgentStatuses.Active);
        await _h.CapacityReservedAsync(request);
        var issuing = await _h.InStateAsync(request.ProvisioningId, m => m.IssuingKey);
        Assert.That(issuing.KeyIssued, Is.False, "the early AgentApiKeyIssued was not taken for this step's answer");

        await _h.KeyIssuedAsync(request);
        await _h.InStateAsync(request.ProvisioningId, m => m.Activating);
        await _h.StatusChangedAsync(request, AgentStatuses.Busy);
        await _h.InStateAsync(request.ProvisioningId, m => m.Activating);
        await _h.StatusChangedAsync(request, AgentStatuses.Active);

        Assert.That((await _h.InStateAsync(request.ProvisioningId, m => m.Final)).Outcome, Is.EqualTo("completed"));
    }

    [Test]
    public async Task Should_move_only_the_saga_of_the_agent_an_event_names()
    {
        var first = ProvisioningHarness.Request(Guid.NewGuid());
        var second = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(first, Steps.CreateAgent);
        await _h.AdvanceToAsync(second, Steps.CreateAgent);

        await _h.AgentCreatedAsync(second);

        await _h.InStateAsync(second.ProvisioningId, m => m.ReservingCapacity);
        Assert.That(_h.Saga.Sagas.Contains(first.ProvisioningId)!.CurrentState, Is.EqualTo(nameof(_h.Machine.CreatingAgent)));
    }

    [Test]
    public async Task Should_ignore_late_events_once_it_finished()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.CompleteAsync(request);

        await _h.RejectedAsync(request, "ChangeAgentStatus");
        await _h.SendAsync(new CancelAgentProvisioning { ProvisioningId = request.ProvisioningId, Reason = "too late" });
        await _h.CapacityReservedAsync(request);

        Assert.That(await _h.Saga.Consumed.Any<CancelAgentProvisioning>(), Is.True);
        var saga = await _h.InStateAsync(request.ProvisioningId, m => m.Final);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.Outcome, Is.EqualTo("completed"));
            Assert.That(_h.CommandsOf(request.ProvisioningId), Has.None.EqualTo("DeleteAgent"));
            Assert.That(await _h.PublishedAsync<AgentProvisioningFailed>(e => e.ProvisioningId == request.ProvisioningId), Is.False);
        }
    }
}
