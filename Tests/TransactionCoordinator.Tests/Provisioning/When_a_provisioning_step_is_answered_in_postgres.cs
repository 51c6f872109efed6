using AgentLightning.Contracts.Models;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Provisioning;

namespace AgentLightning.TransactionCoordinator.Tests.Provisioning;

/// <summary>
/// What one answer costs the coordinator, and the step timeout it moves: the inbox mark, the saga's load, the new
/// timeout with the old one's cancel in one batch, and the saga's row with its transition and outgoing command in
/// another — no savepoint, no second query to find the saga — then the commit (docs/sagas.md "What one message costs").
/// </summary>
public sealed class When_a_provisioning_step_is_answered_in_postgres : ProvisioningOnPostgres
{
    protected override TimeSpan StepTimeout => TimeSpan.FromMinutes(10);

    [Test]
    public async Task Should_take_four_round_trips_before_the_commit_whether_found_by_its_id_or_its_initiator()
    {
        using var sql = new ConsumedMessageSql();
        var request = When_agent_events_answer_their_saga_in_postgres.Request();
        await SendAsync(request);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "CreatingAgent", "the saga waits for its agent");

        var created = Guid.NewGuid();
        await SendAsync(Created(request), created, initiatorId: request.ProvisioningId);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "ReservingCapacity", "the agent's event moves it");
        var reserved = Guid.NewGuid();
        await SendAsync(new ModelCapacityReserved { ReservationId = request.ProvisioningId, Model = request.Model, OccurredAt = DateTimeOffset.UtcNow }, reserved);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "IssuingKey", "the reservation moves it");

        string[] step = ["INSERT INTO inbox_state", "SELECT a.correlation_id, a.agent_created,", "INSERT INTO scheduled_messages", "UPDATE agent_provisioning_sagas SET"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sql.Of(created), Is.EqualTo(step), "AgentCreated, correlated by its InitiatorId");
            Assert.That(sql.Of(reserved), Is.EqualTo(step), "ModelCapacityReserved, correlated by the saga's id");
        }
    }

    [Test]
    public async Task Should_keep_only_the_timeout_of_the_step_under_way()
    {
        var request = When_agent_events_answer_their_saga_in_postgres.Request();
        await SendAsync(request);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "CreatingAgent", "the saga waits for its agent");
        Assert.That(await TimeoutsAsync(request.ProvisioningId), Is.EqualTo(await ColumnAsync(request.ProvisioningId, "step_timeout_token_id")));

        await SendAsync(Created(request), initiatorId: request.ProvisioningId);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "ReservingCapacity", "the agent's event moves it");
        Assert.That(await TimeoutsAsync(request.ProvisioningId), Is.EqualTo(await ColumnAsync(request.ProvisioningId, "step_timeout_token_id")),
            "the first step's timeout was cancelled in the batch that scheduled the second's");
    }

    [Test]
    public async Task Should_ignore_the_late_timeout_of_a_step_it_has_left()
    {
        var request = When_agent_events_answer_their_saga_in_postgres.Request();
        await SendAsync(request);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "CreatingAgent", "the saga waits for its agent");
        var firstStepToken = await ColumnAsync(request.ProvisioningId, "step_timeout_token_id");
        await SendAsync(Created(request), initiatorId: request.ProvisioningId);
        await Eventually.Until(async () => await StateAsync(request.ProvisioningId) == "ReservingCapacity", "the agent's event moves it");

        // As the dispatcher would send it had it claimed the row before the cancel committed.
        var late = Guid.NewGuid();
        await SendAsync(new AgentProvisioningStepTimedOut(request.ProvisioningId), late, firstStepToken);

        await Eventually.Until(async () => await Database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{late}'") > 0, "the late timeout is consumed");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StateAsync(request.ProvisioningId), Is.EqualTo("ReservingCapacity"), "the saga waits for its reservation still");
            Assert.That(await ColumnAsync(request.ProvisioningId, "outcome"), Is.Empty);
        }
    }

    /// <summary>The tokens of the saga's scheduled timeouts (the message names the saga in its body), comma-separated.</summary>
    private Task<string> TimeoutsAsync(Guid id) => Database.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(token_id::text, ','), '') FROM scheduled_messages WHERE convert_from(body, 'UTF8') LIKE '%{id}%'");
}
