using System.Net;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.IntegrationHub.Tests.Delivery;

public sealed class When_a_receiver_keeps_failing : DeliveryFixture
{
    [Test]
    public async Task Should_retry_then_dead_letter_it_with_the_last_answer_and_deliver_it_once_under_the_same_id_on_replay()
    {
        Receiver.Status = 503;
        var agentId = Webhooks.NewAgentId();
        var hook = await Operator.CreateAsync(Receiver.Url("/down"), $"agent:{agentId}");
        var eventId = NewId.NextGuid();
        await Platform.PublishAsync(Webhooks.AgentCreated(agentId), eventId);

        var viewer = App.As("viewer");
        await Eventually.Until(async () => (await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?status=failed")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("count").GetInt32() == 1, "the delivery fails after its retries");
        var failed = (await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries")).JsonAsync(HttpStatusCode.OK)).GetProperty("deliveries")[0];
        var deliveryId = failed.GetProperty("id").GetString()!;
        var letter = await Platform.Database.ScalarAsync<Guid>($"SELECT id FROM dead_letters WHERE message_id = '{deliveryId}'");
        var reason = await Platform.Database.ScalarAsync<string>($"SELECT exception_message FROM dead_letters WHERE id = '{letter}'");
        var letterBody = await Platform.Database.ScalarAsync<string>($"SELECT convert_from(body, 'UTF8') FROM dead_letters WHERE id = '{letter}'");
        Assert.Multiple(() =>
        {
            Assert.That(failed.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()), Is.EqualTo(new[] { 503, 503, 503 }));
            Assert.That(failed.GetProperty("attempts")[2].GetProperty("response").GetString(), Is.EqualTo("receiver down for maintenance"));
            Assert.That(Receiver.ReceivedAt("/down").Select(r => r.Id), Is.EqualTo(Enumerable.Repeat(deliveryId, 3)));
            Assert.That(reason, Does.Contain("HTTP 503").And.Contain("receiver down for maintenance"));
            Assert.That(letterBody, Does.Contain(deliveryId).And.Not.Contain(hook.Secret[6..]), "the command, never the secret");
        });

        Receiver.Status = 200;
        await App.Services.GetRequiredService<IDeadLetterReplayer>().RetryAsync(letter, "operator");
        await Eventually.Until(async () => (await (await viewer.GetAsync($"/integrations/{hook.Id}/deliveries?status=delivered")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("count").GetInt32() == 1, "the replayed delivery is delivered");
        var again = await Platform.SendAsync(new DeliverWebhook { DeliveryId = Guid.Parse(deliveryId) });
        await Eventually.Until(() => Platform.ConsumedAsync(again), "a late copy of the command is consumed");

        var received = Receiver.ReceivedAt("/down");
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.Id), Is.EqualTo(Enumerable.Repeat(deliveryId, 4)), "once more after the replay, never after delivery");
            Assert.DoesNotThrow(() => received[^1].Verify(hook.Secret));
        });
    }
}
