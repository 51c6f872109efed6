using AgentLightning.Contracts.Provisioning;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// An agent that already exists with the requested definition makes CreateAgent a no-op without AgentCreated: the step
/// would time out and its compensation would delete an agent the saga never created. The id is refused first.
/// </summary>
[TestFixture]
public sealed class When_the_agent_id_is_taken
{
    [Test]
    public async Task Should_fail_at_once_without_sending_anything_that_would_touch_the_existing_agent()
    {
        var request = ProvisioningHarness.Request(Guid.NewGuid());
        await using var h = await ProvisioningHarness.StartAsync(existingAgents: request.AgentId);

        await h.SendAsync(request);
        var saga = await h.InStateAsync(request.ProvisioningId, m => m.Final);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(h.CommandsOf(request.ProvisioningId), Is.Empty, "no CreateAgent, and so no DeleteAgent");
            Assert.That(saga.Outcome, Is.EqualTo("compensated"));
            Assert.That(await h.PublishedAsync<AgentProvisioningFailed>(e =>
                e.ProvisioningId == request.ProvisioningId && e.FailedStep == ProvisioningSteps.CreateAgent && e.Reason.Contains("already exists", StringComparison.Ordinal)), Is.True);
        }
    }
}
