using AgentLightning.Contracts.Provisioning;
using Steps = AgentLightning.Contracts.Provisioning.ProvisioningSteps;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>A refusal, a rejection, a timeout or a cancel at each step: the steps taken are undone, last first.</summary>
[TestFixture]
public sealed class When_a_provisioning_step_fails
{
    private ProvisioningHarness _h = null!;

    [SetUp]
    public async Task Start() => _h = await ProvisioningHarness.StartAsync(stepTimeout: TimeSpan.FromSeconds(1));

    [TearDown]
    public async Task Stop() => await _h.DisposeAsync();

    // The command a step sends, and the compensations its rejection leaves (reverse order of the steps taken before it).
    [TestCase(Steps.CreateAgent, "CreateAgent", new string[0])]
    [TestCase(Steps.ReserveCapacity, "ReserveModelCapacity", new[] { "DeleteAgent" })]
    [TestCase(Steps.RegisterWebhook, "RegisterIntegration", new[] { "ReleaseModelCapacity", "DeleteAgent" })]
    [TestCase(Steps.IssueKey, "IssueAgentApiKey", new[] { "RemoveIntegration", "ReleaseModelCapacity", "DeleteAgent" })]
    [TestCase(Steps.ActivateAgent, "ChangeAgentStatus", new[] { "RevokeAgentApiKey", "RemoveIntegration", "ReleaseModelCapacity", "DeleteAgent" })]
    public async Task Should_compensate_the_steps_before_a_rejected_one_in_reverse(string step, string command, string[] compensations)
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid(), webhook: true);
        await _h.AdvanceToAsync(request, step);

        await _h.RejectedAsync(request, command);

        await AssertCompensatedAsync(request, step, compensations, "rejected");
    }

    [Test]
    public async Task Should_release_nothing_when_the_capacity_is_refused_and_delete_the_agent()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(request, Steps.ReserveCapacity);

        await _h.SendAsync(new Contracts.Models.ModelCapacityReservationRefused
        {
            ReservationId = request.ProvisioningId, Model = request.Model, Reason = "all 1 slots are in use", OccurredAt = DateTimeOffset.UtcNow,
        });

        await AssertCompensatedAsync(request, Steps.ReserveCapacity, ["DeleteAgent"], "all 1 slots are in use");
    }

    // A timed-out step may still apply later: its own undo is sent too.
    [TestCase(Steps.CreateAgent, new[] { "DeleteAgent" })]
    [TestCase(Steps.ReserveCapacity, new[] { "ReleaseModelCapacity", "DeleteAgent" })]
    [TestCase(Steps.RegisterWebhook, new[] { "RemoveIntegration", "ReleaseModelCapacity", "DeleteAgent" })]
    [TestCase(Steps.IssueKey, new[] { "RevokeAgentApiKey", "RemoveIntegration", "ReleaseModelCapacity", "DeleteAgent" })]
    [TestCase(Steps.ActivateAgent, new[] { "RevokeAgentApiKey", "RemoveIntegration", "ReleaseModelCapacity", "DeleteAgent" })]
    public async Task Should_compensate_when_a_step_times_out_including_the_step_itself(string step, string[] compensations)
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid(), webhook: true);
        await _h.AdvanceToAsync(request, step);

        await AssertCompensatedAsync(request, step, compensations, "no answer within");
    }

    [Test]
    public async Task Should_compensate_when_cancelled_including_the_step_under_way()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(request, Steps.IssueKey);

        await _h.SendAsync(new CancelAgentProvisioning { ProvisioningId = request.ProvisioningId, Reason = "operator" });

        await AssertCompensatedAsync(request, Steps.IssueKey, ["RevokeAgentApiKey", "ReleaseModelCapacity", "DeleteAgent"], "cancelled: operator");
    }

    [Test]
    public async Task Should_not_move_on_a_rejection_that_names_another_saga()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(request, Steps.ReserveCapacity);

        await _h.RejectedAsync(request with { ProvisioningId = Guid.NewGuid() }, "ReserveModelCapacity");
        await _h.CapacityReservedAsync(request);

        await _h.InStateAsync(request.ProvisioningId, m => m.IssuingKey);
    }

    /// <summary>
    /// A rejection of a step already answered (its dead letter replayed by an operator and refused again, say) is not
    /// the step under way failing: the saga goes on.
    /// </summary>
    [Test]
    public async Task Should_not_move_on_a_rejection_of_an_earlier_steps_command()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await _h.AdvanceToAsync(request, Steps.ReserveCapacity);

        await _h.RejectedAsync(request, "CreateAgent");
        await _h.CapacityReservedAsync(request);

        // A compensated saga is Final and would never take the reservation to the next step.
        await _h.InStateAsync(request.ProvisioningId, m => m.IssuingKey);
    }

    private async Task AssertCompensatedAsync(ProvisionAgent request, string step, string[] compensations, string reason)
    {
        Assert.That(await _h.PublishedAsync<AgentProvisioningFailed>(e => e.ProvisioningId == request.ProvisioningId), Is.True, "AgentProvisioningFailed");
        var saga = await _h.InStateAsync(request.ProvisioningId, m => m.Final);
        var failed = _h.Harness.Published.Select<AgentProvisioningFailed>().Single(e => e.Context.Message.ProvisioningId == request.ProvisioningId).Context.Message;
        var sent = _h.CommandsOf(request.ProvisioningId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.Skip(sent.Count - compensations.Length), Is.EqualTo(compensations), string.Join(",", sent));
            Assert.That(sent.Count(c => c is "DeleteAgent" or "ReleaseModelCapacity" or "RemoveIntegration" or "RevokeAgentApiKey"), Is.EqualTo(compensations.Length));
            Assert.That(saga.Outcome, Is.EqualTo("compensated"));
            Assert.That(saga.FailedStep, Is.EqualTo(step));
            Assert.That(failed.FailedStep, Is.EqualTo(step));
            Assert.That(failed.Reason, Does.Contain(reason));
        }
    }
}
