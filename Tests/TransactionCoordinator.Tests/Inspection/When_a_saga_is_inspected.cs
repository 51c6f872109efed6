using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

public sealed class When_a_saga_is_inspected : InspectionFixture
{
    [Test]
    public async Task Should_show_its_state_data_and_transitions_in_order_a_page_at_a_time()
    {
        var id = Guid.NewGuid();
        await Host.SendAsync(new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the order is submitted");
        await Host.SendAsync(new PayOrder(id));
        await Eventually.Until(async () => await OrderAsync(id) == "Paid:1", "the order is paid");

        var first = await GetAsync($"/sagas/{id}?limit=1");
        var second = await GetAsync($"/sagas/{id}?limit=1&after={first.GetProperty("next").GetString()}");

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("type").GetString(), Is.EqualTo("InspectedOrderState"));
            Assert.That(first.GetProperty("state").GetString(), Is.EqualTo("Paid"));
            Assert.That(first.GetProperty("data").GetProperty("counter").GetInt32(), Is.EqualTo(1));
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(Move(first.GetProperty("transitions")[0]), Is.EqualTo("Initial-Submit->Submitted"));
            Assert.That(Move(second.GetProperty("transitions")[0]), Is.EqualTo("Submitted-Pay->Paid"));
            Assert.That(second.GetProperty("next").GetString(), Is.Null);
            Assert.That(second.GetProperty("transitions")[0].GetProperty("sequence").GetInt64(),
                Is.GreaterThan(first.GetProperty("transitions")[0].GetProperty("sequence").GetInt64()));
            Assert.That(first.GetProperty("messages").GetProperty("scheduled").GetArrayLength(), Is.Zero, "payment cancelled the timeout");
        });
    }

    [Test]
    public async Task Should_show_its_pending_timeout_and_the_rejections_that_name_its_conversation()
    {
        var id = Guid.NewGuid();
        await Host.SendAsync(new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the order is submitted");
        var conversation = await Database.ScalarAsync<Guid>($"SELECT conversation_id FROM saga_transitions WHERE correlation_id = '{id}'");
        // A command the saga sent, rejected by its owner: the letter's body is the command's envelope, in the saga's conversation.
        await Database.ExecuteAsync($$$"""
            INSERT INTO dead_letters (id, message_id, message_types, body, headers, properties, source_service, source_queue, reason,
                                      exception_type, exception_message, retry_count, redelivery_count, attempt_count, failure_count,
                                      first_failed_at, last_failed_at, status, replay_count, updated_at)
            VALUES (gen_random_uuid(), gen_random_uuid()::text, ARRAY['urn:message:Test:ReserveStock'],
                    convert_to('{"conversationId": "{{{conversation}}}", "message": {"sku": "x"}}', 'UTF8'), '{}', '{}',
                    'stock', 'stock', 'rejected', 'CommandRejected:conflict', 'ReserveStock: out of stock', 0, 0, 1, 1,
                    now(), now(), 'pending', 0, now())
            """);

        var saga = await GetAsync($"/sagas/{id}");

        var scheduled = saga.GetProperty("messages").GetProperty("scheduled");
        Assert.That(scheduled.GetArrayLength(), Is.EqualTo(1));
        Assert.That(scheduled[0].GetProperty("tokenId").GetGuid(),
            Is.EqualTo(await Database.ScalarAsync<Guid>($"SELECT timeout_token_id FROM inspected_orders WHERE correlation_id = '{id}'")));
        Assert.That(saga.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("exceptionMessage").GetString()),
            Is.EqualTo(new[] { "ReserveStock: out of stock" }));
        Assert.That(saga.GetProperty("deadLetters").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_saga_and_400_for_an_id_that_is_not_one()
    {
        await (await Host.SendAsync(HttpMethod.Get, $"/sagas/{Guid.NewGuid()}", PlatformRoles.Operator)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Host.SendAsync(HttpMethod.Get, "/sagas/not-an-id", PlatformRoles.Operator)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string Move(System.Text.Json.JsonElement t) =>
        $"{t.GetProperty("fromState").GetString()}-{t.GetProperty("event").GetString()}->{t.GetProperty("toState").GetString()}";
}
