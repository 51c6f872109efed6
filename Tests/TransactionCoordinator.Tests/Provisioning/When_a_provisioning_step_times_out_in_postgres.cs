using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>The step timeout goes through the PostgreSQL scheduler and compensates the step that may still apply.</summary>
public sealed class When_a_provisioning_step_times_out_in_postgres : ProvisioningOnPostgres
{
    protected override TimeSpan StepTimeout => TimeSpan.FromSeconds(2);

    [Test]
    public async Task Should_end_compensated_and_send_the_undo_of_the_unanswered_step()
    {
        var request = When_agent_events_answer_their_saga_in_postgres.Request();

        await SendAsync(request);

        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "Final", "the timeout ends the saga");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ColumnAsync(request.ProvisioningId, "outcome"), Is.EqualTo("compensated"));
            Assert.That(await ColumnAsync(request.ProvisioningId, "failed_step"), Is.EqualTo("create-agent"));
            Assert.That(await Database.ScalarAsync<long>(
                $"SELECT count(*) FROM scheduled_messages m JOIN agent_provisioning_sagas s ON s.step_timeout_token_id = m.token_id WHERE s.correlation_id = '{request.ProvisioningId}'"),
                Is.Zero, "no timeout left behind");
        }

        await Eventually.Until(() => Commands.For(request.ProvisioningId).Contains("DeleteAgent"), "the agent's deletion reaches Agent Designer's queue");
        Assert.That(Commands.For(request.ProvisioningId), Is.EqualTo(new[] { "CreateAgent", "DeleteAgent" }));
    }
}
