using System.Net;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>Cancel and re-deliver a timeout: each reaches the saga and is audited; refusals are 409 (audited) or 404.</summary>
public sealed class When_an_operator_acts_on_a_saga : InspectionFixture
{
    [Test]
    public async Task Should_send_the_machines_cancel_command_and_audit_it()
    {
        var id = await SubmittedAsync(TimeSpan.FromHours(1));

        var accepted = await (await PostAsync($"/sagas/{id}/cancel", new { reason = "customer left" })).JsonAsync(HttpStatusCode.Accepted);

        await Eventually.Until(async () => await OrderAsync(id) == "Cancelled:1", "the saga takes its cancel command");
        Assert.That(await Database.ScalarAsync<string>($"SELECT cancel_reason FROM inspected_orders WHERE correlation_id = '{id}'"), Is.EqualTo("customer left"));
        Assert.That(accepted.GetProperty("outcome").GetString(), Does.StartWith("/commands/CancelWorkflow/"));
        Assert.That(await AuditAsync(id), Is.EqualTo("cancel:done:inspection-tests"));
        var detail = await GetAsync($"/sagas/{id}");
        Assert.That(detail.GetProperty("actions")[0].GetProperty("detail").GetProperty("command").GetString(), Is.EqualTo("CancelWorkflow"));
    }

    [Test]
    public async Task Should_refuse_to_cancel_a_finished_saga_and_audit_the_refusal()
    {
        var id = Guid.NewGuid();
        await InsertAsync(id, "Final", TimeSpan.FromMinutes(5), finished: true);

        await (await PostAsync($"/sagas/{id}/cancel")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.That(await AuditAsync(id), Is.EqualTo("cancel:refused:inspection-tests"));
    }

    [Test]
    public async Task Should_answer_404_for_a_saga_that_does_not_exist()
    {
        var id = Guid.NewGuid();

        await (await PostAsync($"/sagas/{id}/cancel")).ProblemAsync(HttpStatusCode.NotFound);
        await (await PostAsync($"/sagas/{id}/timeouts/redeliver")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_fire_a_pending_timeout_now_and_audit_it()
    {
        var id = await SubmittedAsync(TimeSpan.FromHours(1));

        await (await PostAsync($"/sagas/{id}/timeouts/redeliver")).JsonAsync(HttpStatusCode.Accepted);

        await Eventually.Until(async () => await OrderAsync(id) == "TimedOut:1", "the timeout fires now, not in an hour");
        Assert.That(await AuditAsync(id), Is.EqualTo("redeliver-timeout:done:inspection-tests"));
        await (await PostAsync($"/sagas/{id}/timeouts/redeliver")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<Guid> SubmittedAsync(TimeSpan payWithin)
    {
        var id = Guid.NewGuid();
        await Host.SendAsync(new SubmitOrder(id, payWithin));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the order is submitted");
        return id;
    }

    /// <summary>"action:result:actor" of each audited action, oldest first.</summary>
    private Task<string> AuditAsync(Guid id) =>
        Database.ScalarAsync<string>(
            $"SELECT coalesce(string_agg(action || ':' || result || ':' || actor, ',' ORDER BY id), '') FROM saga_actions WHERE correlation_id = '{id}'");
}
